import CaseloadCore
import Foundation

/// Letters written for printing: beside the store, in a folder only the
/// owner can open, each file readable only by its owner.
enum LetterFile {
    static func write(_ text: String, reference: String, beside storePath: String, today: Day) throws -> String {
        let folder = URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("letters")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // A folder made earlier by hand may be open to others: close it.
        chmod(folder.path, 0o700)
        let file = folder.appendingPathComponent("new-worker-\(reference)-\(today.iso).txt")
        let fd = open(file.path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard fd >= 0 else {
            throw CaseloadError.invalid("could not write the letter to \(file.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // An existing file keeps its mode on O_TRUNC: make sure it is owner-only.
        fchmod(fd, 0o600)
        let data = Data(text.utf8)
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else {
            throw CaseloadError.invalid("could not write the whole letter to \(file.path)")
        }
        return file.path
    }
}
