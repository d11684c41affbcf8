import CaseloadCore
import Foundation
import GRDB

public struct DemoSummary: Sendable {
    public let service: String
    public let supervisorLogin: String
    public let workers: Int
    public let cases: Int
    public let openCases: Int
    public let contacts: Int
}

/// Fills an empty store with a realistic, clearly fictional service: workers
/// (agency staff among them, one who has left), cases over six years at every
/// level and status, contacts with real-length notes, key dates computed by
/// the calendar, follow-up actions, consents, family-support referrals,
/// safeguarding entries and handovers. The same seed gives the same people,
/// cases and notes; dates are placed relative to the day it runs.
///
/// It writes through prepared statements in batches of transactions because
/// a city-sized store has millions of rows; the store's own triggers still
/// keep search and derived columns in step.
public struct DemoGenerator {
    /// Bump when the generated data changes, so cached benchmark stores are remade.
    public static let version = 4

    let store: Store
    let seed: UInt64

    public init(store: Store, seed: UInt64) {
        self.store = store
        self.seed = seed
    }

    fileprivate struct PlannedCase {
        let opened: Day
        let status: CaseStatus
        let closed: Day?
    }

    public func generate(cases count: Int, supervisorLogin: String, osUser: String,
                         progress: (String) -> Void = { _ in }) throws -> DemoSummary {
        let material = try DemoMaterial.load()
        var rng = SeededRandom(seed: seed)
        let today = store.today
        let service = "Northbridge SENDIASS (demo)"

        let existing = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM worker") ?? 0)
        }
        // Never on a store anyone has begun to use: the demo would make its
        // runner a supervisor beside real workers, and mix fiction with records.
        guard existing == (0, 0) else {
            throw CaseloadError.conflict("a demo fills a new, empty store and \(store.path) already holds "
                + "\(Plural.count(existing.1, "worker")) and \(Plural.count(existing.0, "case")); "
                + "give a new path for a demo store", field: .store)
        }

        // Workers first, and the person running the demo as a supervisor.
        let workerCount = min(60, max(8, count / 300))
        var workers: [DemoWorker] = []
        var actor: ActingWorker!
        try store.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('service_name', ?)",
                           arguments: [service])
            var logins: Set = [supervisorLogin]
            let me = try store.insertWorker(db, NewWorker(login: supervisorLogin, name: "Demo Supervisor (\(supervisorLogin))",
                                                          role: .supervisor, startsOn: try today.adding(years: -6)),
                                            createdBy: nil)
            actor = ActingWorker(workerId: me, login: supervisorLogin, name: "Demo Supervisor", role: .supervisor, osUser: osUser)
            for index in 0..<workerCount {
                let name = material.workerNames[index % material.workerNames.count]
                    + (index >= material.workerNames.count ? " \(index / material.workerNames.count + 1)" : "")
                let login = Self.login(for: name, taken: &logins)
                // A team like the one the review found: one or two supervisors, many agency
                // caseworkers, a volunteer or two, and an agency worker who has already left.
                let role: WorkerRole = index == 0 || (index == 1 && workerCount >= 12) ? .supervisor : .caseworker
                let employment: Employment = role == .supervisor ? .permanent
                    : index % 3 == 0 || index == workerCount - 1 ? .agency : index % 11 == 5 ? .volunteer : .permanent
                let left = index == workerCount - 1
                let starts = try today.adding(days: -(60 + rng.below(2000)))
                let ends: Day? = employment == .agency ? try today.adding(days: 14 + rng.below(180)) : nil
                let id = try store.insertWorker(db, NewWorker(login: login, name: name, role: role, employment: employment,
                                                              startsOn: starts, endsOn: ends,
                                                              capacity: role == .supervisor ? 20 : 50 + rng.below(4) * 10),
                                                createdBy: me)
                if left {
                    try db.execute(sql: "UPDATE worker SET ended_at = ?, ends_on = ? WHERE id = ?",
                                   arguments: [store.now(), try today.adding(days: -30).iso, id])
                }
                workers.append(DemoWorker(id: id, login: login, given: String(name.split(separator: " ").first ?? ""),
                                      role: role, employment: employment, active: !left))
            }
            try store.audit(db, actor, "demo", detail: "seed \(seed), \(count) cases")
        }
        let caseworkers = workers.filter { $0.role == .caseworker && $0.active }
        let everyone = workers.filter { $0.role == .caseworker }

        // Opening days spread over six years, oldest first, so references run in order.
        var plans: [PlannedCase] = try (0..<count).map { _ in
            let opened = try today.adding(days: -rng.below(6 * 365))
            let age = opened.days(until: today)
            // About a fifth open: 40,000 of a city's 200,000 cases.
            if age < 540, rng.chance(0.82) { return PlannedCase(opened: opened, status: .open, closed: nil) }
            if age < 900, rng.chance(0.1) { return PlannedCase(opened: opened, status: .inactive, closed: nil) }
            let closed = min(try today.adding(days: -1), try opened.adding(days: 14 + rng.below(400)))
            return PlannedCase(opened: opened, status: .closed, closed: max(opened, closed))
        }
        plans.sort { $0.opened < $1.opened }

        var writer = Writer(store: store, material: material, templates: material.templates, rng: rng,
                            today: today, nowMs: Int64(store.now().timeIntervalSince1970 * 1000), actor: actor, caseworkers: caseworkers, everyone: everyone,
                            lists: Writer.Lists(try store.vocabulary, material))
        let batch = 2_000
        var start = 0
        while start < plans.count {
            let end = min(plans.count, start + batch)
            try store.withoutTransaction { db in
                // A demo can be made again, so it trades durability for speed, with a
                // page cache big enough for the indexes of a city-sized store.
                try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000") }
                try db.inTransaction(.immediate) {
                    for plan in plans[start..<end] { try writer.writeCase(db, plan.opened, plan.status, plan.closed) }
                    return .commit
                }
            }
            start = end
            progress("demo: \(end) of \(plans.count) cases, \(writer.contactCount) contacts")
        }
        try store.write { db in
            for (year, last) in writer.counters {
                try db.execute(sql: "INSERT OR REPLACE INTO reference_counter (year, last) VALUES (?, ?)",
                               arguments: [year, last])
            }
            try fitCapacities(db, caseworkers)
            try db.execute(sql: "INSERT INTO contact_fts(contact_fts) VALUES ('optimize')")
            try db.execute(sql: "ANALYZE")
        }
        _ = try store.withoutTransaction { try $0.checkpoint(.truncate) }
        return DemoSummary(service: try store.serviceName() ?? service, supervisorLogin: supervisorLogin,
                           workers: workers.count + 1, cases: count,
                           openCases: plans.filter { $0.status == .open }.count, contacts: writer.contactCount)
    }

    /// Sets each caseworker's capacity near the weighted caseload the demo
    /// gave them, as a team lead would: most a little under or over, a few
    /// well over, so the team view shows every colour a real team does.
    private func fitCapacities(_ db: Database, _ caseworkers: [DemoWorker]) throws {
        let loads = [0.82, 0.9, 0.94, 0.96, 0.97, 0.99, 1.01, 1.03, 1.05, 1.08, 1.14, 1.25]
        // Taken in steps of five, so any six workers in a row get a spread.
        for (index, worker) in caseworkers.enumerated() {
            let weight = try Int.fetchOne(db, sql: "SELECT coalesce(sum(\(try store.caseWeightSQL)), 0) FROM case_file c "
                                              + "WHERE c.worker_id = ? AND c.status = 'open'", arguments: [worker.id]) ?? 0
            guard weight > 0 else { continue }
            let capacity = max(1, Int((Double(weight) / loads[index * 5 % loads.count]).rounded()))
            try db.execute(sql: "UPDATE worker SET capacity = ? WHERE id = ?", arguments: [capacity, worker.id])
        }
    }

    /// A login from a name: initial and family name, ASCII only, made unique.
    static func login(for name: String, taken: inout Set<String>) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB"))
            .lowercased()
        let words = folded.split(separator: " ").map { String($0.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init)) }
            .filter { !$0.isEmpty }
        let base = String((String(words.first?.prefix(1) ?? "w") + (words.dropFirst().last ?? "worker")).prefix(24))
        var login = base
        var n = 2
        while taken.contains(login) {
            login = base + String(n)
            n += 1
        }
        taken.insert(login)
        return login
    }
}

private struct DemoWorker {
    let id: String
    let login: String
    let given: String
    let role: WorkerRole
    let employment: Employment
    let active: Bool
}

/// The row-writing half of the generator: one case at a time, through cached statements.
private struct Writer {
    let store: Store
    let material: DemoMaterial
    let templates: DemoMaterial.Templates
    var rng: SeededRandom
    let today: Day
    /// Nothing is dated later than this: a contact logged this afternoon
    /// cannot appear on a morning's demo.
    let nowMs: Int64
    let actor: ActingWorker
    let caseworkers: [DemoWorker]
    let everyone: [DemoWorker]
    let lists: Lists
    var counters: [Int: Int] = [:]
    var contactCount = 0
    var offsets: [Int: Int] = [:]

    /// The value ids and school names to draw from, worked out once.
    struct Lists {
        let issues, contactModes, meetingTypes, primaryNeeds, referralSources, firstRoutes, closureReasons,
            referralReasons: [String]
        let schools: [String: [String]]
        let settings: [String]

        init(_ vocabulary: Vocabulary, _ material: DemoMaterial) {
            issues = vocabulary.issues.ids
            contactModes = vocabulary.contactModes.ids
            meetingTypes = vocabulary.meetingTypes.ids
            primaryNeeds = vocabulary.primaryNeeds.ids
            referralSources = vocabulary.referralSources.ids
            firstRoutes = vocabulary.firstRoutes.ids
            closureReasons = vocabulary.closureReasons.ids
            referralReasons = vocabulary.referralReasons.ids
            schools = Dictionary(grouping: material.schools, by: \.phase).mapValues { $0.map(\.name) }
            settings = material.schools.filter { ["special", "alternative"].contains($0.phase) }.map(\.name)
        }
    }

    static let issueTopics: [String: String] = [
        "ehc-request": "ehc-assessment", "refusal-to-assess": "ehc-assessment", "draft-plan": "draft-plan",
        "plan-content": "draft-plan", "refusal-to-issue": "tribunal", "annual-review": "annual-review",
        "cease-to-maintain": "annual-review", "exclusion": "exclusion", "attendance": "attendance",
        "part-time-timetable": "attendance", "section-19": "attendance", "transport": "transport",
        "tribunal-appeal": "tribunal", "mediation": "mediation", "sen-support": "sen-support",
        "post-16": "post-16", "phase-transfer": "phase-transfer", "placement": "school-meeting",
    ]

    static let topicRules: [String: DeadlineRule] = [
        "ehc-assessment": .ehcDecision, "draft-plan": .draftPlanResponse, "tribunal": .tribunalAppeal,
        "annual-review": .annualReview, "mediation": .mediationMeeting, "phase-transfer": .phaseTransfer,
    ]

    /// Topics whose key date comes with an event, as a caseworker would record
    /// it: a decision letter brings the mediation adviser's date with the appeal.
    static let topicEvents: [String: KeyEvent] = ["tribunal": .decisionLetter]

    /// The service's UTC offset on a day (time zone look-ups are slow and the demo makes millions).
    mutating func utcOffset(onDay day: Int, near local: Int64) -> Int {
        if let known = offsets[day] { return known }
        let offset = store.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        offsets[day] = offset
        return offset
    }

    mutating func id(_ ms: Int64) -> String { UUIDv7.make(milliseconds: UInt64(max(0, ms)), using: &rng) }

    /// A working-hours moment on a day, in epoch milliseconds (UTC).
    mutating func moment(on day: Day) -> Int64 {
        let minutes = 9 * 60 + rng.below(8 * 60 + 30)
        let local = Int64(day.dayNumber) * 86_400 + Int64(minutes * 60 + rng.below(60))
        let offset = Int64(utcOffset(onDay: day.dayNumber, near: local))
        let ms = (local - offset) * 1000 + Int64(rng.below(1000))
        return ms <= nowMs ? ms : nowMs - Int64(rng.below(45 * 60_000))
    }

    mutating func fill(_ template: Template, child: String, parent: String, school: String, worker: String,
                       near day: Day) throws -> String {
        let date = try day.adding(days: rng.below(21) - 10)
        return template.fill { slot in
            switch slot {
            case "child": return child
            case "parent": return parent
            case "school": return school
            case "worker": return worker
            case "date": return date.formatted
            default: return nil
            }
        }
    }

    mutating func writeCase(_ db: Database, _ opened: Day, _ status: CaseStatus, _ closed: Day?) throws {
        let deviceId = store.deviceId
        let openedMs = moment(on: opened)
        let openedAt = StoreTime.text(epochMilliseconds: openedMs)
        let caseId = id(openedMs)
        let number = (counters[opened.year] ?? 0) + 1
        counters[opened.year] = number
        let reference = CaseReference(year: opened.year, number: number).description

        // The child and a parent or carer.
        let family = rng.pick(material.familyNames)
        let childGiven = rng.pick(material.childGivenNames)
        let childAge = 2 + rng.below(22)
        let dob = try opened.adding(days: -(childAge * 365 + rng.below(365)))
        let yearGroup = YearGroup.expected(dateOfBirth: dob, on: today)
        let ageNow = age(of: dob, on: today)
        let phase = ageNow < 4 ? "nursery" : ageNow < 11 ? "primary" : ageNow < 16 ? "secondary" : "post-16"
        // Mostly a school of the right phase; now and then a special or alternative setting.
        let school = rng.pick(rng.chance(0.15) ? lists.settings : lists.schools[phase] ?? lists.settings)
        let childId = id(openedMs)
        try db.cachedStatement(sql: """
            INSERT INTO person (id, kind, full_name, date_of_birth, school, year_group, primary_need,
                                created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [childId, ageNow >= 16 ? "young-person" : "child", "\(childGiven) \(family)", dob.iso,
                                     school, yearGroup, rng.pick(lists.primaryNeeds), openedAt, actor.workerId, deviceId, openedAt, actor.workerId])
        let parentGiven = rng.pick(material.adultGivenNames)
        let parentFamily = rng.chance(0.85) ? family : rng.pick(material.familyNames)
        let parentId = id(openedMs)
        try db.cachedStatement(sql: """
            INSERT INTO person (id, kind, full_name, language, interpreter, contact_preferences, phone,
                                created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, 'adult', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [parentId, "\(parentGiven) \(parentFamily)",
                                     rng.chance(0.06) ? rng.pick(["Polish", "Urdu", "Arabic", "Vietnamese", "Somali", "Romanian"]) : nil,
                                     rng.chance(0.04), rng.chance(0.3) ? rng.pick(material.safeContactNotes) : nil,
                                     "07700 900" + String(format: "%03d", rng.below(1000)),
                                     openedAt, actor.workerId, deviceId, openedAt, actor.workerId])

        // Who holds it: an active caseworker for open cases, anyone for history.
        let holder: DemoWorker? = status == .open ? (rng.chance(0.02) ? nil : rng.pick(caseworkers)) : rng.pick(everyone)
        let level = [1, 1, 2, 2, 2, 3, 3, 3, 4][rng.below(9)]
        try db.cachedStatement(sql: """
            INSERT INTO case_file (id, reference, subject_id, status, level, referral_source, first_route, opened_on,
                                   closed_on, closure_reason, outcome, created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [caseId, reference, childId, status.rawValue, level,
                                     rng.pick(lists.referralSources), rng.pick(lists.firstRoutes),
                                     opened.iso, closed?.iso, closed == nil ? nil : rng.pick(lists.closureReasons),
                                     closed == nil ? nil : "Family supported through the process; no further advice needed.",
                                     openedAt, actor.workerId, deviceId, openedAt, actor.workerId])
        for (personId, role, pr) in [(childId, "subject", false), (parentId, "parent-carer", true)] {
            try db.cachedStatement(sql: """
                INSERT INTO case_party (id, case_id, person_id, role, parental_responsibility, main_contact,
                                        created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id(openedMs), caseId, personId, role, pr, pr, openedAt, actor.workerId, deviceId])
        }
        var issues = Set<String>()
        let issueIds = lists.issues
        for _ in 0..<(1 + rng.below(3)) { issues.insert(rng.pick(issueIds)) }
        for issue in issues.sorted() {
            try db.cachedStatement(sql: "INSERT INTO case_issue (case_id, issue, created_at, created_by, device_id) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [caseId, issue, openedAt, actor.workerId, deviceId])
        }
        let topic = issues.sorted().compactMap { Writer.issueTopics[$0] }.first ?? "school-meeting"

        // Assignment history: sometimes an agency worker held it first and handed it over.
        let assign = try db.cachedStatement(sql: """
            INSERT INTO assignment (id, case_id, worker_id, kind, reason, handover_id, created_at, created_by, device_id, clock)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        if let holder, rng.chance(0.15), opened.days(until: closed ?? today) > 30 {
            let first = rng.pick(everyone)
            try assign.execute(arguments: [id(openedMs), caseId, first.id, "allocation", "case opened", nil, openedAt, actor.workerId, deviceId,
                                           openedMs * 1000])
            let handedDay = try opened.adding(days: 14 + rng.below(max(1, opened.days(until: closed ?? today) - 14)))
            let handedMs = moment(on: handedDay)
            let handedAt = StoreTime.text(epochMilliseconds: handedMs)
            let handoverId = id(handedMs)
            let summary = try fill(rng.pick(templates.handoverSummaries), child: childGiven, parent: parentGiven, school: school,
                               worker: holder.given, near: handedDay)
            try db.cachedStatement(sql: """
                INSERT INTO handover (id, case_id, from_worker_id, to_worker_id, summary, status, family_told_at, family_told_how,
                                      accepted_at, accepted_by, created_at, created_by, device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, 'accepted', ?, 'phone', ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [handoverId, caseId, first.id, holder.id, summary, handedAt, handedAt, holder.id,
                                         handedAt, first.id, deviceId, handedAt, holder.id])
            try assign.execute(arguments: [id(handedMs), caseId, holder.id, "handover", "worker leaving", handoverId, handedAt, first.id, deviceId,
                                           handedMs * 1000])
        } else {
            try assign.execute(arguments: [id(openedMs), caseId, holder?.id, holder == nil ? "unallocation" : "allocation",
                                           "case opened", nil, openedAt, actor.workerId, deviceId, openedMs * 1000])
        }

        // Contacts: an enquiry, the casework, and for closed cases a closing call.
        let lastDay = closed ?? today
        let span = max(0, opened.days(until: lastDay))
        var days = try (0..<(1 + rng.below(19))).map { i in i == 0 ? opened : try opened.adding(days: rng.below(span + 1)) }
        days.sort()
        let modes = lists.contactModes
        let insertContact = try db.cachedStatement(sql: """
            INSERT INTO contact (id, case_id, occurred_at, worker_id, minutes, mode, meeting_type, parties, summary, advice,
                                 created_at, created_by, device_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let writerOf = holder ?? rng.pick(everyone)
        var lastContactId = ""
        var lastContactMs: Int64 = 0
        for (index, day) in days.enumerated() {
            let key = index == 0 ? "enquiry"
                : (closed != nil && index == days.count - 1) ? "closure"
                : rng.chance(0.55) ? topic : rng.pick(["follow-up", "school-meeting", topic])
            let sentences = templates.contactSentences[key] ?? templates.contactSentences["follow-up"] ?? []
            var note: [String] = []
            for _ in 0..<(2 + rng.below(3)) {
                note.append(try fill(rng.pick(sentences), child: childGiven, parent: parentGiven, school: school,
                                 worker: writerOf.given, near: day))
            }
            let advice = rng.chance(0.4) ? try fill(rng.pick(templates.adviceSentences), child: childGiven, parent: parentGiven,
                                                school: school, worker: writerOf.given, near: day) : nil
            let mode = index == 0 ? rng.pick(["phone-in", "email-in", "phone-in"]) : rng.pick(modes)
            let meetingType: String? = ["office-appointment", "home-visit", "school-visit", "virtual-meeting", "meeting"].contains(mode)
                ? rng.pick(lists.meetingTypes) : nil
            let ms = moment(on: day)
            let at = StoreTime.text(epochMilliseconds: ms)
            lastContactId = id(ms)
            lastContactMs = ms
            try insertContact.execute(arguments: [lastContactId, caseId, at, writerOf.id, [5, 10, 15, 20, 30, 45, 60, 90][rng.below(8)],
                                                  mode, meetingType, meetingType == nil ? nil : "\(parentGiven), SENCO",
                                                  note.joined(separator: " "), advice, at, writerOf.id, deviceId])
        }
        contactCount += days.count

        guard status == .open else {
            if rng.chance(0.02) { try writeReferral(db, caseId: caseId, parent: "\(parentGiven) \(parentFamily)", child: childGiven,
                                                    parentGiven: parentGiven, school: school, day: try opened.adding(days: span / 2), open: false) }
            return
        }

        // Open cases: key dates, follow-ups, consent, and now and then a referral,
        // a safeguarding entry or a handover waiting to be accepted.
        if let rule = Writer.topicRules[topic] ?? (rng.chance(0.3) ? .firstResponse : nil) {
            let anchor: Day
            switch rule {
            case .annualReview: anchor = try today.adding(months: -12).adding(days: rng.below(90) - 20)
            case .phaseTransfer: anchor = Day(year: today.year + 1, month: 9, day: 1)!
            case .firstResponse: anchor = try today.adding(days: -rng.below(8))
            case .draftPlanResponse: anchor = try today.adding(days: -rng.below(20))
            default: anchor = try today.adding(days: -rng.below(48))
            }
            let event = Writer.topicEvents[topic]
            let subject = event.map(KeyDateSubject.event) ?? .rule(rule)
            let deadlines = try store.deadlines.deadlines(for: KeyDateEntry(subject: subject, on: max(anchor, opened)))
            let ms = max(openedMs, moment(on: max(anchor, opened)))
            let at = StoreTime.text(epochMilliseconds: ms)
            for (offset, deadline) in deadlines.enumerated() {
                try db.cachedStatement(sql: """
                    INSERT INTO key_date (id, case_id, rule, event, anchor_on, due_on, status, created_at, created_by, device_id,
                                          updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
                    """).execute(arguments: [id(ms + Int64(offset)), caseId, deadline.rule.rawValue, event?.rawValue,
                                             deadline.anchor.iso, deadline.due.iso, at, writerOf.id, deviceId, at, writerOf.id])
            }
        }
        if rng.chance(0.45) {
            let due = try today.adding(days: rng.below(40) - 10)
            let at = StoreTime.text(epochMilliseconds: lastContactMs)
            try db.cachedStatement(sql: """
                INSERT INTO action (id, case_id, description, owner_id, due_on, status, from_contact_id, created_at, created_by,
                                    device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id(lastContactMs), caseId,
                                         try fill(rng.pick(templates.followUpActions), child: childGiven, parent: parentGiven,
                                              school: school, worker: writerOf.given, near: due),
                                         writerOf.id, due.iso, lastContactId, at, writerOf.id, deviceId, at, writerOf.id])
        }
        if rng.chance(0.3) {
            try writeConsent(db, caseId: caseId, personId: parentId, name: "\(parentGiven) \(parentFamily)",
                             scope: "Share information with \(school) and the LA SEN team to support the EHC process",
                             day: opened, by: writerOf.id)
        }
        if rng.chance(0.04) {
            try writeReferral(db, caseId: caseId, parent: "\(parentGiven) \(parentFamily)", child: childGiven,
                              parentGiven: parentGiven, school: school, day: try today.adding(days: -rng.below(60)), open: true)
        }
        if rng.chance(0.006) {
            let day = try today.adding(days: -rng.below(200))
            let ms = moment(on: day)
            let at = StoreTime.text(epochMilliseconds: ms)
            try db.cachedStatement(sql: """
                INSERT INTO safeguarding (id, case_id, occurred_at, told, reference, note, created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id(ms), caseId, at, "Children's front door (duty social worker)",
                                         "CFD-\(100_000 + rng.below(900_000))",
                                         "Concern raised during a call; front door phoned at once and supervisor told.",
                                         at, writerOf.id, deviceId])
        }
        if let holder, rng.chance(0.03), caseworkers.count > 1 {
            var receiver = rng.pick(caseworkers)
            if receiver.id == holder.id { receiver = caseworkers.first { $0.id != holder.id }! }
            let ms = moment(on: try today.adding(days: -rng.below(7)))
            let at = StoreTime.text(epochMilliseconds: ms)
            try db.cachedStatement(sql: """
                INSERT INTO handover (id, case_id, from_worker_id, to_worker_id, summary, status, created_at, created_by,
                                      device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
                """).execute(arguments: [id(ms), caseId, holder.id, receiver.id,
                                         try fill(rng.pick(templates.handoverSummaries), child: childGiven, parent: parentGiven,
                                              school: school, worker: receiver.given, near: today),
                                         at, holder.id, deviceId, at, holder.id])
        }
    }

    @discardableResult
    mutating func writeConsent(_ db: Database, caseId: String, personId: String?, name: String, scope: String, day: Day,
                               by worker: String) throws -> String {
        let ms = moment(on: day)
        let at = StoreTime.text(epochMilliseconds: ms)
        let consentId = id(ms)
        try db.cachedStatement(sql: """
            INSERT INTO consent (id, case_id, person_id, given_by, given_by_role, scope, method, status, given_on,
                                 created_at, created_by, device_id)
            VALUES (?, ?, ?, ?, 'parent-carer', ?, ?, 'given', ?, ?, ?, ?)
            """).execute(arguments: [consentId, caseId, personId, name, scope, rng.pick(["verbal", "written", "electronic"]),
                                     day.iso, at, worker, deviceId])
        return consentId
    }

    var deviceId: String { store.deviceId }

    mutating func writeReferral(_ db: Database, caseId: String, parent: String, child: String, parentGiven: String,
                                school: String, day: Day, open: Bool) throws {
        let worker = rng.pick(everyone)
        let consentId = try writeConsent(db, caseId: caseId, personId: nil, name: parent,
                                         scope: "Referral to the Children's Trust for family support", day: day, by: worker.id)
        let path: [ReferralStatus] = open
            ? [[.flagged], [.flagged, .sent], [.flagged, .sent, .acknowledged]][rng.below(3)]
            : [.flagged, .sent, .acknowledged, rng.chance(0.7) ? .accepted : .declined, .closed]
        let ms = moment(on: day)
        let at = StoreTime.text(epochMilliseconds: ms)
        let referralId = id(ms)
        let reasons = [rng.pick(lists.referralReasons)]
        let reasonsJSON = "[" + reasons.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let external: String? = path.count > 2 ? "CT-\(10_000 + rng.below(90_000))" : nil
        try db.cachedStatement(sql: """
            INSERT INTO referral (id, case_id, reasons, narrative, urgency, family_agreed, consent_id, status, external_reference,
                                  created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [referralId, caseId, reasonsJSON,
                                     try fill(rng.pick(templates.referralNarratives), child: child, parent: parentGiven,
                                          school: school, worker: worker.given, near: day),
                                     rng.chance(0.2) ? "priority" : "routine", "A referral to the Children's Trust for family support",
                                     consentId, path.last!.rawValue, external, at, worker.id, deviceId, at, worker.id])
        for (step, status) in path.enumerated() {
            let stepAt = StoreTime.text(epochMilliseconds: ms + Int64(step) * 86_400_000 * 3)
            try db.cachedStatement(sql: """
                INSERT INTO referral_status_change (id, referral_id, status, external_reference, note, created_at, created_by,
                                                    device_id, clock)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id(ms + Int64(step)), referralId, status.rawValue, step >= 2 ? external : nil, nil,
                                         stepAt, worker.id, deviceId, (ms + Int64(step) * 86_400_000 * 3) * 1000])
        }
    }
}
