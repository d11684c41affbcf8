import CaseloadCore
import Foundation
@testable import CaseloadStore

/// A store on a fresh temporary file with a supervisor and two caseworkers.
struct StoreFixture {
    let folder: URL
    let store: Store
    let supervisor: ActingWorker
    let amira: ActingWorker
    let ben: ActingWorker

    /// `day` stops the clock before the workers are added, so their start
    /// dates do not follow the day the tests happen to run on.
    init(on day: (year: Int, month: Int, day: Int)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
        if let day { Self.stopClock(of: store, at: day.year, day.month, day.day, hour: 12) }
        supervisor = try store.initialise(service: "Test SENDIASS",
                                          supervisor: NewWorker(login: "sam", name: "Sam Okafor"), osUser: "tester")
        try store.addWorker(NewWorker(login: "amira", name: "Amira Khan", employment: .agency), by: supervisor)
        try store.addWorker(NewWorker(login: "ben", name: "Ben Evans"), by: supervisor)
        amira = try store.actingWorker(login: "amira", osUser: "tester")
        ben = try store.actingWorker(login: "ben", osUser: "tester")
    }

    var path: String { store.path }

    /// Stops the clock at noon UTC on a day, so dates in messages are predictable.
    func setClock(_ year: Int, _ month: Int, _ day: Int, hour: Int = 12) {
        Self.stopClock(of: store, at: year, month, day, hour: hour)
    }

    private static func stopClock(of store: Store, at year: Int, _ month: Int, _ day: Int, hour: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let moment = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
        store.timeZone = calendar.timeZone
        store.now = { moment }
    }

    /// Opens a case held by `worker` and returns its reference.
    func openCase(_ child: String = "Zoë Nguyễn", for worker: ActingWorker? = nil) throws -> String {
        var new = NewCase(child: child)
        new.parent = "Thảo Nguyễn"
        new.level = .casework
        return try store.openCase(new, by: worker ?? amira).description
    }

    func count(_ table: String) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A demo service on a fresh temporary file, made as `caseload demo` makes
/// one: the demo refuses a store that already has workers.
struct DemoFixture {
    let folder: URL
    let store: Store

    init(cases: Int, seed: UInt64) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
        _ = try DemoGenerator(store: store, seed: seed).generate(cases: cases, supervisorLogin: "sam", osUser: "tester")
    }

    var path: String { store.path }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
