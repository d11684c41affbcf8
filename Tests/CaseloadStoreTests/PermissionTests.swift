import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

@Suite struct PermissionTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func aNewStoreAndItsFolderAreReadableByTheOwnerOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("nested/caseload.sqlite").path
        let store = try Store.open(path: path, create: true)
        #expect(mode(path) == 0o600)
        #expect(mode(root.appendingPathComponent("nested").path) == 0o700)
        #expect(store.permissionWarnings.isEmpty)
        // SQLite gives its side files the main file's permissions.
        #expect(mode(path + "-wal") == 0o600)
    }

    @Test func aStoreOthersCanReadGetsAWarningWithTheFix() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        chmod(f.path, 0o644)
        let warnings = try Store.open(path: f.path).permissionWarnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("chmod 600 '\(f.path)'") == true)
    }

    @Test func aMissingStoreIsNotCreatedByAccident() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).sqlite").path
        #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theDefaultPathFollowsTheEnvironment() {
        #expect(StoreLocation.defaultPath(environment: ["CASELOAD_STORE": "/x/y.sqlite", "HOME": "/home/a"]) == "/x/y.sqlite")
        #expect(StoreLocation.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"]) == "/data/caseload/caseload.sqlite")
        #expect(StoreLocation.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/caseload/caseload.sqlite")
    }
}
