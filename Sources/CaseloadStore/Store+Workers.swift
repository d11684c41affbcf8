import CaseloadCore
import Foundation
import GRDB

public struct NewWorker: Sendable {
    public var login: String
    public var name: String
    public var role: WorkerRole = .caseworker
    public var employment: Employment = .permanent
    public var startsOn: Day? = nil
    public var endsOn: Day? = nil
    /// Caseload weight points the worker can carry (see DOMAIN: weights 1, 2, 4, 8 by level).
    public var capacity: Int = 60

    public init(login: String, name: String, role: WorkerRole = .caseworker, employment: Employment = .permanent,
                startsOn: Day? = nil, endsOn: Day? = nil, capacity: Int = 60) {
        self.login = login
        self.name = name
        self.role = role
        self.employment = employment
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.capacity = capacity
    }

    func validate(today: Day) throws {
        let loginPattern = login.range(of: "^[a-z_][a-z0-9_.-]{0,31}$", options: .regularExpression)
        guard loginPattern != nil else {
            throw CaseloadError.invalid(
                "\(SafeText.inline(login)) is not a login: use the person's OS user name (lower-case letters, digits, . _ -, up to 32 characters)")
        }
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CaseloadError.invalid("a worker needs a name", field: .name)
        }
        guard capacity > 0 else { throw CaseloadError.invalid("capacity must be a positive number of weight points") }
        if let startsOn { try DateRange.workerStart.check(startsOn) }
        if let endsOn { try DateRange.workerEnd.check(endsOn) }
        if let ends = endsOn, ends < startsOn ?? today {
            throw CaseloadError.invalid("the end date \(ends) is before the start date \(startsOn ?? today)")
        }
    }
}

public struct WorkerSummary: Codable, Sendable, Equatable {
    public let id: String
    public let login: String
    public let name: String
    public let role: WorkerRole
    public let employment: Employment
    public let startsOn: Day
    public let endsOn: Day?
    public let active: Bool
    public let capacity: Int
    public let openCases: Int
    /// Weighted caseload: points by level of the worker's open cases.
    public let weight: Int
}

extension Store {
    /// Creates the service's first supervisor in an empty store.
    public func initialise(service: String?, supervisor: NewWorker, osUser: String) throws -> ActingWorker {
        var supervisor = supervisor
        supervisor.role = .supervisor
        try supervisor.validate(today: today)
        return try write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM worker")! > 0 {
                let name = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'service_name'")
                throw CaseloadError.conflict("the store at \(path) is already set up"
                    + (name.map { " for \(SafeText.inline($0))" } ?? "")
                    + "; its supervisor adds the other workers")
            }
            if let service {
                try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('service_name', ?)",
                               arguments: [service])
            }
            let id = try insertWorker(db, supervisor, createdBy: nil)
            let actor = ActingWorker(workerId: id, login: supervisor.login, name: supervisor.name,
                                     role: .supervisor, osUser: osUser)
            try audit(db, actor, "store.init", detail: service)
            return actor
        }
    }

    /// Adds a worker; only a supervisor may.
    @discardableResult
    public func addWorker(_ worker: NewWorker, by actor: ActingWorker) throws -> String {
        try worker.validate(today: today)
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can add workers; ask your team manager")
        }
        return try write { db in
            let id = try insertWorker(db, worker, createdBy: actor.workerId)
            try audit(db, actor, "worker.add", detail: worker.login)
            return id
        }
    }

    func insertWorker(_ db: Database, _ worker: NewWorker, createdBy: String?) throws -> String {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM worker WHERE login = ?", arguments: [worker.login]) == true {
            throw CaseloadError.conflict("there is already a worker with the login \(worker.login)")
        }
        let id = UUIDv7.make(at: now())
        let at = now()
        try db.execute(
            sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, ends_on, capacity,
                                    created_at, created_by, device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, worker.login, worker.name, worker.role.rawValue, worker.employment.rawValue,
                        (worker.startsOn ?? today).iso, worker.endsOn?.iso, worker.capacity,
                        at, createdBy, deviceId, at, createdBy])
        return id
    }

    public func workers(includeEnded: Bool = false) throws -> [WorkerSummary] {
        let now = now()
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT w.id, w.login, w.name, w.role, w.employment, w.starts_on, w.ends_on, w.ended_at, w.capacity,
                       count(c.id) AS open_cases,
                       coalesce(sum(\(try caseWeightSQL)), 0) AS weight
                FROM worker w
                LEFT JOIN case_file c ON c.worker_id = w.id AND c.status = 'open'
                WHERE ? OR w.ended_at IS NULL OR w.ended_at > ?
                GROUP BY w.id
                ORDER BY w.name COLLATE NOCASE
                """, arguments: [includeEnded, now])
            return try rows.map { row in
                let r = StoredRow(row, "a worker")
                return WorkerSummary(id: try r.value("id"), login: try r.value("login"), name: try r.value("name"),
                                     role: try r.known("role"), employment: try r.known("employment"),
                                     startsOn: try r.day("starts_on"), endsOn: try r.optionalDay("ends_on"),
                                     active: (try r.optional("ended_at") as Date?).map { $0 > now } ?? true,
                                     capacity: try r.value("capacity"), openCases: try r.value("open_cases"),
                                     weight: try r.value("weight"))
            }
        }
    }

    /// A worker who may be given cases: current, and with no last day set.
    /// A worker ended on a day still to come works until then, but a case
    /// given to them now would be held by nobody the day after.
    func receivingWorkerId(_ db: Database, login: String) throws -> String {
        let id = try workerId(db, login: login)
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT ends_on FROM worker WHERE id = ? AND ended_at IS NOT NULL"),
                                      arguments: [id]) {
            let lastDay = try StoredRow(row, "a worker").optionalDay("ends_on")
            throw CaseloadError.conflict("\(SafeText.inline(login)) is leaving (their last day is \(lastDay.map { "\($0)" } ?? "set")), "
                + "so cannot be given cases; choose someone who is staying")
        }
        return id
    }

    func workerId(_ db: Database, login: String) throws -> String {
        guard let id = try String.fetchOne(db, sql: "SELECT id FROM worker WHERE login = ? AND (ended_at IS NULL OR ended_at > ?)",
                                           arguments: [login, now()]) else {
            throw CaseloadError.notFound("no current worker with the login \(SafeText.inline(login)); the list of workers gives each one's login")
        }
        return id
    }
}
