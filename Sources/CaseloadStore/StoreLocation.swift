import Foundation

/// Where the store lives and how its file is protected. The records are
/// special-category data about children, so the file and its folder are
/// private to their owner from the moment they exist.
public enum StoreLocation {
    public static let storeVariable = "CASELOAD_STORE"

    /// `$CASELOAD_STORE`, else `$XDG_DATA_HOME/caseload/caseload.sqlite`,
    /// else `~/.local/share/caseload/caseload.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[storeVariable], !path.isEmpty { return path }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/caseload/caseload.sqlite"
    }

    /// What `prepare` made, so a store that could not be made leaves
    /// nothing behind.
    struct Made {
        /// Folders made, outermost first.
        var folders: [String] = []
        var file = false
    }

    /// Creates the folder (0700) and an empty file (0600) if they are missing,
    /// before SQLite touches them, so there is no moment when others can read.
    @discardableResult
    static func prepare(path: String) throws -> Made {
        var made = Made()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var missing: [String] = []
        var ancestor = folder
        while ancestor.path != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw StoreError.cannotCreate(path: ancestor.path, reason: "it is a file, not a folder")
                }
                break
            }
            missing.insert(ancestor.path, at: 0)
            ancestor.deleteLastPathComponent()
        }
        for item in missing {
            guard mkdir(item, 0o700) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                remove(made)
                throw StoreError.cannotCreate(path: item, reason: reason)
            }
            made.folders.append(item)
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            made.file = true
        } else if errno != EEXIST {
            let reason = String(cString: strerror(errno))
            remove(made)
            throw StoreError.cannotCreate(path: path, reason: reason)
        }
        return made
    }

    /// Removes the folders `prepare` made, if they are still empty.
    static func remove(_ made: Made) {
        for folder in made.folders.reversed() { rmdir(folder) }
    }

    /// Warnings for a store (or its folder) that other users can read, each
    /// with the command that fixes it.
    public static func permissionWarnings(path: String) -> [String] {
        var warnings: [String] = []
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // The file must not be readable by others; the folder must not let
        // others replace or remove it.
        for (item, mask, wanted, risk) in [(path, 0o077 as mode_t, "600", "read by other users"),
                                           (folder, 0o022 as mode_t, "700", "changed by other users")] {
            var info = stat()
            guard stat(item, &info) == 0 else { continue }
            let mode = info.st_mode & 0o777
            if mode & mask != 0 {
                warnings.append("warning: \(item) can be \(risk) (mode \(String(mode, radix: 8))); "
                    + "children's records must be private: run  chmod \(wanted) '\(item)'")
            }
        }
        return warnings
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case missing(path: String)
    case cannotCreate(path: String, reason: String)
    case notInitialised(path: String)
    /// There is something at the path that cannot be opened at all.
    case cannotOpen(path: String, reason: String)

    /// In the domain's words; the command line adds how to make a store.
    public var description: String {
        switch self {
        case .missing(let path): return "no store at \(path)"
        case .cannotCreate(let path, let reason): return "cannot create \(path): \(reason)"
        case .notInitialised(let path): return "the store at \(path) has no workers yet"
        case .cannotOpen(let path, let reason): return "cannot open the store at \(path) (\(reason)): nothing was changed"
        }
    }
}
