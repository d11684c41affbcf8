import CaseloadCore
import Foundation
import GRDB

/// The worker on whose behalf the store is changed or read, and the OS
/// account that ran the command; the audit trail records both.
public struct ActingWorker: Sendable, Equatable {
    public let workerId: String
    public let login: String
    public let name: String
    public let role: WorkerRole
    public let osUser: String

    public var isSupervisor: Bool { role == .supervisor }
}

extension Store {
    /// Resolves the acting worker from a login (the OS user name unless
    /// `--as` or `CASELOAD_USER` says otherwise).
    public func actingWorker(login: String, osUser: String) throws -> ActingWorker {
        try read { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM worker")! > 0 else {
                throw StoreError.notInitialised(path: path)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, role, starts_on, ended_at FROM worker WHERE login = ?",
                                             arguments: [login]) else {
                throw CaseloadError.notFound("no worker with the login \(SafeText.inline(login)) in this store")
            }
            // A laptop that joined a hub holds what its worker may see, and
            // the hub takes changes on it from that worker only.
            if let bound = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'hub_login'"), bound != login {
                throw CaseloadError.notAllowed("""
                    this store is \(SafeText.inline(bound))'s copy of the team's records, kept in step with the hub, which \
                    takes changes on it from \(SafeText.inline(bound)) only: act as \(SafeText.inline(bound)), or use your own store
                    """)
            }
            let r = StoredRow(row, "a worker")
            // A worker ended ahead of their last day works until it is over.
            if let ended: Date = try r.optional("ended_at"), ended <= now() {
                throw CaseloadError.notAllowed("\(SafeText.inline(login)) has left the service and can no longer use this store")
            }
            let starts = try r.day("starts_on")
            if starts > today {
                throw CaseloadError.notAllowed("\(SafeText.inline(login)) starts on \(starts) and can use this store from that day")
            }
            return ActingWorker(workerId: try r.value("id"), login: login, name: try r.value("name"), role: try r.known("role"),
                                osUser: osUser)
        }
    }
}
