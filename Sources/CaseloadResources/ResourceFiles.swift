import Foundation

/// The data files a service may adjust (value lists, bank holidays, demo
/// material) live in the top-level `Resources/` folder and are copied beside
/// the binary at build time. Setting `CASELOAD_RESOURCES` to a folder of the
/// same shape makes a running install use edited copies without a rebuild.
public enum ResourceFiles {
    public static let overrideVariable = "CASELOAD_RESOURCES"

    /// The folder the files are read from.
    public static var folder: URL {
        if let custom = ProcessInfo.processInfo.environment[overrideVariable], !custom.isEmpty {
            return URL(fileURLWithPath: custom, isDirectory: true)
        }
        return Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true)
    }

    /// The bytes of one file, by its path inside `Resources/` ("vocabulary.json").
    public static func data(_ relativePath: String) throws -> Data {
        let url = folder.appendingPathComponent(relativePath)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ResourceError(path: url.path)
        }
    }

    public struct ResourceError: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "cannot read the data file \(path); reinstall Caseload or unset \(overrideVariable)"
        }
    }
}
