import CaseloadCore
import Foundation
import GRDB

public struct NewCase: Equatable, Sendable {
    /// The child or young person; nil only for an anonymous case, or one
    /// about a child already on record (`existingPeople`).
    public var child: String?
    public var dateOfBirth: Day?
    public var parent: String?
    /// How to reach the parent or carer.
    public var parentPhone: String?
    public var parentEmail: String?
    public var school: String?
    public var yearGroup: String?
    public var primaryNeed: String?
    public var level: SupportLevel = .information
    public var issues: [String] = []
    public var referralSource: String?
    public var firstRoute: String?
    /// Who holds the case; nil means the acting worker.
    public var workerLogin: String?
    /// Leave the case in the unallocated queue instead.
    public var unallocated = false
    public var anonymous = false
    /// People on record the case is about, by id or its first 8 characters
    /// or more: a child or young person becomes its subject, an adult its
    /// parent or carer, instead of a new person being made.
    public var existingPeople: [String] = []
    /// Make new people even though the store has some this case may be
    /// about (see `Store.familyMatches`).
    public var newPerson = false

    public init(child: String?) { self.child = child }
}

/// The store found people a new case may be about and was told neither to
/// use them nor to make new ones: thrown out of the transaction, which
/// then writes nothing, so the matches shown can be recorded on their own.
private struct FamilyMatchesFound: Error {
    let matches: [FamilyMatch]
}

/// A person on record chosen for a new case, with the details a new case
/// must not contradict.
private struct ChosenPerson {
    let id: String
    let kind: PersonKind
    let name: String
    let dateOfBirth: Day?
    let school: String?
    let yearGroup: String?
    let primaryNeed: String?
    let phone: String?
    let email: String?

    init(_ row: Row) throws {
        let r = StoredRow(row, "a person")
        id = try r.value("id")
        kind = try r.known("kind")
        name = try r.value("full_name")
        dateOfBirth = try r.optionalDay("date_of_birth")
        school = try r.optional("school")
        yearGroup = try r.optional("year_group")
        primaryNeed = try r.optional("primary_need")
        phone = try r.optional("phone")
        email = try r.optional("email")
    }

    var isChild: Bool { kind == .child || kind == .youngPerson }
    var shown: String { SafeText.inline(name) }
}

extension Store {
    /// Opens a case and returns its reference. When the store has people
    /// the case may be about (`familyMatches`), it is opened only once the
    /// worker has said who it is about: `existingPeople`, or `newPerson`.
    public func openCase(_ new: NewCase, by actor: ActingWorker, endingDraft draft: FormDraft? = nil) throws -> CaseReference {
        let child = new.child?.trimmingCharacters(in: .whitespacesAndNewlines)
        let reusing = !new.existingPeople.isEmpty
        if new.anonymous, reusing {
            throw CaseloadError.invalid("an anonymous enquiry names no one, so it cannot be about someone on record")
        }
        if reusing, new.newPerson {
            throw CaseloadError.invalid("a case is about the people chosen on record or about someone new, not both; choose one",
                                        field: .samePerson)
        }
        if !new.anonymous, !reusing, child?.isEmpty ?? true {
            throw CaseloadError.invalid("a case needs the child or young person's name, unless it is an anonymous information-only enquiry",
                                        field: .child)
        }
        try TextLimits.check(child ?? "", field: "child's name", limit: TextLimits.name)
        try TextLimits.check(new.parent ?? "", field: "parent's name", limit: TextLimits.name)
        try TextLimits.check(new.school ?? "", field: "school", limit: TextLimits.name)
        try ParentContact.check(phone: new.parentPhone, email: new.parentEmail)
        for issue in new.issues { try vocabulary.issues.validate(issue) }
        if let source = new.referralSource { try vocabulary.referralSources.validate(source) }
        if let route = new.firstRoute { try vocabulary.firstRoutes.validate(route) }
        if let need = new.primaryNeed { try vocabulary.primaryNeeds.validate(need) }
        let yearGroup = try new.yearGroup.map(YearGroup.normalise)
        let today = self.today
        try checkAge(new.dateOfBirth, on: today)
        if let login = new.workerLogin, login != actor.login, !actor.isSupervisor {
            throw CaseloadError.notAllowed("only a supervisor can open a case for another worker; open it as your own instead",
                                           field: .worker)
        }

        do {
            return try write(endingDraft: try draftKey(draft, of: actor)) { db in
                let at = now()
                var chosen: [ChosenPerson] = []
                for given in new.existingPeople {
                    let person = try ChosenPerson(try person(db, named: given))
                    if !chosen.contains(where: { $0.id == person.id }) { chosen.append(person) }
                }
                // The look-up and the insert share the transaction: no one
                // can add the same family in between.
                let matches = reusing ? [] : try familyMatches(db, new)
                if !matches.isEmpty, !new.newPerson { throw FamilyMatchesFound(matches: matches) }
                let (subject, parents) = try check(chosen, against: new, child: child, yearGroup: yearGroup, today: today)
                let holder: String? = new.unallocated ? nil : try receivingWorkerId(db, login: new.workerLogin ?? actor.login)
                let number = try nextReferenceNumber(db, year: today.year)
                let reference = CaseReference(year: today.year, number: number)
                let caseId = UUIDv7.make(at: at)
                var subjectId = subject?.id
                if subjectId == nil, let child, !new.anonymous {
                    let kind: PersonKind = new.dateOfBirth.map { age(of: $0, on: today) >= 16 ? .youngPerson : .child } ?? .child
                    subjectId = try insertPerson(db, name: child, kind: kind, dateOfBirth: new.dateOfBirth, school: new.school,
                                                 yearGroup: yearGroup, primaryNeed: new.primaryNeed, by: actor, at: at)
                }
                try db.cachedStatement(sql: """
                    INSERT INTO case_file (id, reference, subject_id, anonymous, status, level, referral_source, first_route,
                                           opened_on, created_at, created_by, device_id, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [caseId, reference.description, subjectId, new.anonymous, new.level.rawValue,
                                     new.referralSource, new.firstRoute, today.iso, at, actor.workerId, deviceId, at, actor.workerId])
                if let subjectId {
                    try insertParty(db, caseId: caseId, personId: subjectId, role: .subject, parentalResponsibility: false,
                                    by: actor, at: at)
                }
                for parent in parents {
                    try insertParty(db, caseId: caseId, personId: parent.id, role: .parentCarer, parentalResponsibility: true,
                                    by: actor, at: at)
                }
                if parents.isEmpty, let parent = new.parent?.trimmingCharacters(in: .whitespacesAndNewlines), !parent.isEmpty {
                    let parentId = try insertPerson(db, name: parent, kind: .adult, dateOfBirth: nil, school: nil, yearGroup: nil,
                                                    primaryNeed: nil, by: actor, at: at)
                    if new.parentPhone != nil || new.parentEmail != nil {
                        try db.execute(sql: "UPDATE person SET phone = ?, email = ? WHERE id = ?",
                                       arguments: [new.parentPhone, new.parentEmail, parentId])
                    }
                    try insertParty(db, caseId: caseId, personId: parentId, role: .parentCarer, parentalResponsibility: true,
                                    by: actor, at: at)
                }
                for issue in Set(new.issues).sorted() {
                    try db.execute(sql: "INSERT INTO case_issue (case_id, issue, created_at, created_by, device_id) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [caseId, issue, at, actor.workerId, deviceId])
                }
                try insertAssignment(db, caseId: caseId, workerId: holder, kind: holder == nil ? .unallocation : .allocation,
                                     reason: "case opened", by: actor, at: at)
                var detail = reference.description
                if !chosen.isEmpty { detail += "; with " + chosen.map { "person \($0.id)" }.joined(separator: ", ") + " on record" }
                if !matches.isEmpty {
                    // The worker was shown these and chose someone new.
                    detail += "; someone new, not " + matches.map {
                        "person \($0.personId) (" + $0.reasons.map(\.rawValue).joined(separator: " and ") + ")"
                    }.joined(separator: ", ")
                }
                try audit(db, actor, "case.open", caseId: caseId, detail: detail)
                return reference
            }
        } catch let found as FamilyMatchesFound {
            try write { db in try auditMatchesShown(db, found.matches, by: actor) }
            throw FamilyMatch.refusal(found.matches)
        }
    }

    /// A date of birth has happened; the child or young person a case is
    /// about (`subject`) is 0 to 25. Opening a case and editing a person share it.
    func checkAge(_ dateOfBirth: Day?, on today: Day, subject: Bool = true) throws {
        guard let dob = dateOfBirth else { return }
        if dob > today { throw CaseloadError.invalid("the date of birth \(dob) is in the future") }
        if subject, age(of: dob, on: today) > 25 {
            throw CaseloadError.invalid("a SENDIASS case is about someone aged 0 to 25; \(dob) makes them \(age(of: dob, on: today))")
        }
    }

    /// Who of those chosen is the case's child and who its parents. A case
    /// opened for someone on record keeps their details as recorded: what
    /// the new case gives must agree with them, and any change is made on
    /// the case once it is open, where it is kept with who made it and why.
    private func check(_ chosen: [ChosenPerson], against new: NewCase, child: String?, yearGroup: String?,
                       today: Day) throws -> (subject: ChosenPerson?, parents: [ChosenPerson]) {
        if let professional = chosen.first(where: { $0.kind == .professional }) {
            throw CaseloadError.invalid("\(professional.shown) is on record as a professional; a case is about a child or "
                                        + "young person and their parents or carers")
        }
        let children = chosen.filter(\.isChild)
        let parents = chosen.filter { $0.kind == .adult }
        guard children.count <= 1 else {
            throw CaseloadError.invalid("a case is about one child or young person, not "
                                        + children.map(\.shown).joined(separator: " and ") + "; open one case for each")
        }
        let subject = children.first
        if let subject {
            try checkAge(subject.dateOfBirth, on: today)
            var differences: [String] = []
            if let child, !child.isEmpty, FamilyMatch.folded(child) != FamilyMatch.folded(subject.name) {
                differences.append("the name \(subject.shown), not \(SafeText.inline(child))")
            }
            func differ(_ what: String, _ recorded: String?, _ given: String?) {
                guard let given, given != recorded else { return }
                differences.append(Self.recorded(what, recorded) + ", not \(SafeText.inline(given))")
            }
            differ("date of birth", subject.dateOfBirth?.description, new.dateOfBirth?.description)
            differ("school", subject.school, new.school?.trimmingCharacters(in: .whitespacesAndNewlines))
            differ("year group", subject.yearGroup, yearGroup)
            differ("primary need", subject.primaryNeed, new.primaryNeed)
            if !differences.isEmpty {
                throw CaseloadError.invalid("\(subject.shown) is on record with " + differences.joined(separator: "; ")
                    + ": a case opened for them keeps their record as it is, so leave those out (and change the school, "
                    + "year group or need on the case once it is open, where the change is kept)")
            }
        } else if child?.isEmpty ?? true {
            throw CaseloadError.invalid("a case needs the child or young person's name, or a child on record, unless it is "
                                        + "an anonymous information-only enquiry", field: .child)
        }
        guard !parents.isEmpty else {
            if !chosen.isEmpty, new.parent?.isEmpty ?? true, new.parentPhone != nil || new.parentEmail != nil {
                throw CaseloadError.invalid("a phone or email goes with a parent or carer: name them, or choose them on record")
            }
            return (subject, parents)
        }
        var named = parents.count == 1 ? parents[0] : nil
        if let given = new.parent?.trimmingCharacters(in: .whitespacesAndNewlines), !given.isEmpty {
            named = parents.first { FamilyMatch.folded($0.name) == FamilyMatch.folded(given) }
            guard named != nil else {
                throw CaseloadError.invalid("the parent or carer chosen on record is " + parents.map(\.shown).joined(separator: " and ")
                    + ", not \(SafeText.inline(given)); leave the parent's name out to use the record, or choose someone new")
            }
        }
        if let named {
            if let phone = new.parentPhone, Self.plainPhone(phone) != named.phone.map(Self.plainPhone) {
                throw CaseloadError.invalid("\(named.shown) is on record with " + Self.recorded("phone", named.phone)
                                            + ", not \(SafeText.inline(phone)); leave the phone out to use the record")
            }
            if let email = new.parentEmail, Self.plainEmail(email) != named.email.map(Self.plainEmail) {
                throw CaseloadError.invalid("\(named.shown) is on record with " + Self.recorded("email", named.email)
                                            + ", not \(SafeText.inline(email)); leave the email out to use the record")
            }
        }
        return (subject, parents)
    }

    /// "the school Elmfield Primary", or "no school".
    private static func recorded(_ what: String, _ value: String?) -> String {
        value.map { "the \(what) " + SafeText.inline($0) } ?? "no \(what)"
    }
}
