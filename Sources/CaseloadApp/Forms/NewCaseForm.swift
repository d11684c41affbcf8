import CaseloadCore
import CaseloadStore
import Foundation

/// A new enquiry, as `caseload case open` takes it: the child, their parent
/// or carer and how to reach them, school, level, issues and how it came in.
enum NewCaseForm {
    static func make(_ context: FormContext) -> Form {
        let v = context.vocabulary
        func choices(_ list: Vocabulary.List) -> [Choice] { list.current.map { Choice($0.id, $0.label) } }
        let named: FormField.Condition = .init(field: "anonymous", values: [""])
        var fields = [
            FormField("child", "Child's name", .line, help: "The child or young person's full name", shownWhen: named),
            FormField("dob", "Date of birth", .date, help: "dd/mm/yyyy; empty if not known", shownWhen: named, pastDates: true),
            FormField("parent", "Parent or carer", .line, help: "With parental responsibility; empty for none"),
            FormField("phone", "Their phone", .line, shownWhen: .init(field: "parent", values: ["*"])),
            FormField("email", "Their email", .line, shownWhen: .init(field: "parent", values: ["*"])),
            FormField("school", "School or setting", .line, shownWhen: named),
            FormField("yearGroup", "Year group", .line, help: "N, R or 1 to 14", shownWhen: named),
            FormField("need", "Primary need", .choice(choices(v.primaryNeeds)), shownWhen: named),
            FormField("level", "Level of support", .choice(SupportLevel.allCases.map {
                Choice(String($0.rawValue), "\($0.rawValue) " + v.levels.label(String($0.rawValue)).lowercased())
            })),
            FormField("issues", "Issues", .choices(choices(v.issues)), help: "Space ticks; type to filter"),
            FormField("source", "Referral source", .choice(choices(v.referralSources))),
            FormField("route", "First route in", .choice(choices(v.firstRoutes))),
            FormField("anonymous", "Anonymous information-only enquiry (no named child)", .check, help: "Space ticks"),
        ]
        if context.user.isSupervisor {
            fields.append(FormField("unallocated", "Leave it in the unallocated queue", .check, help: "Space ticks"))
        }
        return Form(.newCase, title: "A new case", intro: [
            "The case opens as yours" + (context.user.isSupervisor ? " (or unallocated)" : "")
                + " with the next reference; its file opens once it is saved.",
        ], fields: fields).picking("level", "1")
    }

    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        var input = NewCase(child: nil)
        if let family = form[familyField] {
            if family.picked.isEmpty {
                form.set(familyField, error: "Tick who on record the case is about, or No, someone new.")
            } else if family.picked.contains(someoneNew) {
                if family.picked.count > 1 {
                    form.set(familyField, error: "No, someone new goes alone: untick it, or the people on record.")
                }
                input.newPerson = true
            } else {
                input.existingPeople = family.picked
            }
        }
        input.anonymous = form["anonymous"]?.checked ?? false
        if !input.anonymous {
            input.child = FormValues.optional(form, "child")
            if input.child == nil {
                form.set("child", error: "Give the child or young person's name (or tick the anonymous enquiry).")
            }
            // The age rule below is this date's range, in words about the child.
            input.dateOfBirth = FormValues.day(&form, "dob", context, within: nil)
            if let dob = input.dateOfBirth {
                if dob > context.today {
                    form.set("dob", error: "That date of birth is still to come.")
                } else if age(of: dob, on: context.today) > 25 {
                    form.set("dob", error: "A SENDIASS case is about someone aged 0 to 25; that makes them \(age(of: dob, on: context.today)).")
                }
            }
            input.school = FormValues.optional(form, "school")
            if let year = FormValues.optional(form, "yearGroup") {
                do { input.yearGroup = try YearGroup.normalise(year) } catch let error as CaseloadError {
                    form.set("yearGroup", error: error.message)
                } catch { form.set("yearGroup", error: "\(error)") }
            }
            input.primaryNeed = FormValues.optional(form, "need")
        }
        input.parent = FormValues.optional(form, "parent")
        if input.parent != nil {
            input.parentPhone = FormValues.optional(form, "phone")
            input.parentEmail = FormValues.optional(form, "email")
            if let phone = input.parentPhone, !ParentContact.isPhone(phone) {
                form.set("phone", error: "A phone number has digits, spaces and perhaps a leading +, e.g. 07700 900123.")
            }
            if let email = input.parentEmail, !ParentContact.isEmail(email) {
                form.set("email", error: "An email address looks like name@example.org.")
            }
        }
        input.level = SupportLevel(rawValue: Int(form.value("level")) ?? 0) ?? .information
        input.issues = form["issues"]?.picked ?? []
        input.referralSource = FormValues.optional(form, "source")
        input.firstRoute = FormValues.optional(form, "route")
        input.unallocated = form["unallocated"]?.checked ?? false
        guard form.errors.isEmpty else { return nil }
        return .openNewCase(input)
    }

    static let familyField = "family"
    static let samePersonLabel = "Same family?"
    static let someoneNew = "new"

    /// The store has people the case may be about: the form stays open,
    /// lists them above its fields and asks, in a first field, who the case
    /// is about; saving again opens it with them or with someone new.
    static func offer(_ matches: [FamilyMatch], in form: inout Form) {
        let options = matches.map { match in
            Choice(match.personId, match.who + ", " + Plural.count(match.cases.count, "earlier case"), matching: match.name)
        } + [Choice(someoneNew, "No, someone new")]
        form.fields.removeAll { $0.id == familyField }
        form.fields.insert(FormField(familyField, samePersonLabel, .choices(options),
                                     help: "Space ticks who the case is about (the child, a parent), or No, someone new"),
                           at: 0)
        form.focus = 0
        // The first option lit, so Space ticks what is seen and ↓ steps on.
        form.fields[0].highlight = 0
        form.errors[familyField] = nil
        form.intro = ["The store may already have this family: tick who the case is about, or No, someone new, then save again."]
            + matches.map { "• " + $0.words(withId: false) }
        form.problem = "Not opened yet: say who the case is about in Same family? (Space ticks), then save again."
    }
}
