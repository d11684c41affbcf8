import Foundation

/// Opens text in the user's own editor ($VISUAL, else $EDITOR, else vi) and
/// returns what they saved. The file is private to the user and removed
/// afterwards: it holds a note about a child.
enum ExternalEditor {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func edit(_ text: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("note.txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failed(description: "cannot write a temporary file for the editor")
        }
        // The editor may be a command with arguments ("code --wait"), so the shell runs it.
        let status = system("\(editor) '\(file.path.replacingOccurrences(of: "'", with: "'\\''"))'")
        guard status == 0 else { throw Failed(description: "the editor (\(editor)) did not finish cleanly; nothing was saved") }
        return try String(contentsOf: file, encoding: .utf8)
    }
}
