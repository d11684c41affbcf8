import CaseloadCore
import CaseloadStore
import Foundation

/// Changing an open case from its file (`E`): the form starts from what the
/// case holds now, and saving sends only what was changed, so the case's
/// history records each change once, in words, with the reason.
enum CaseEditForm {
    static func make(_ reference: String, _ context: FormContext) -> Form {
        let v = context.vocabulary
        let detail = shown(reference, context)
        let child = detail?.child
        func choices(_ list: Vocabulary.List) -> [Choice] { list.current.map { Choice($0.id, $0.label) } }
        var form = Form(.editCase(reference: reference), title: "Edit \(reference)", intro: [
            "Change what is no longer right; each change is kept on the case's history with who, when and why.",
        ], fields: [
            FormField("level", "Level of support", .choice(SupportLevel.allCases.map {
                Choice(String($0.rawValue), "\($0.rawValue) " + v.levels.label(String($0.rawValue)).lowercased())
            })),
            FormField("status", "Status", .choice([Choice("open", "Open"),
                                                   Choice("inactive", "Inactive: no work expected for now, kept on the caseload")])),
            FormField("reason", "Why", .line, help: "Needed for a change of level or status: what happened"),
            FormField("school", "School or setting", .line),
            FormField("yearGroup", "Year group", .line, help: "N, R or 1 to 14"),
            FormField("need", "Primary need", .choice(choices(v.primaryNeeds))),
            FormField("issues", "Issues", .choices(choices(v.issues)), help: "Space ticks or unticks; type to filter"),
        ])
        guard let detail else { return form }
        for (id, value) in [("level", String(detail.level)), ("status", detail.status.rawValue),
                            ("school", child?.school ?? ""), ("yearGroup", child?.yearGroup ?? ""),
                            ("need", child?.primaryNeed ?? ""), ("issues", detail.issues.joined(separator: ","))] {
            if let index = form.fields.firstIndex(where: { $0.id == id }) { form.fields[index].restore(value, prefilled: true) }
        }
        return form
    }

    /// Only the fields that differ from the case file go to the store.
    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        guard case .editCase(let reference) = form.purpose else { return nil }
        let detail = shown(reference, context)
        let child = detail?.child
        var edit = CaseEdit()
        if let level = Int(form.value("level")), level != detail?.level { edit.level = SupportLevel(rawValue: level) }
        if let status = CaseStatus(rawValue: form.value("status")), status != detail?.status { edit.status = status }
        edit.reason = FormValues.optional(form, "reason")
        if (edit.level != nil || edit.status != nil) && edit.reason == nil {
            form.set("reason", error: "Say why the level or status changes (what happened); it is recorded.")
        }
        if let school = FormValues.optional(form, "school"), school != child?.school { edit.school = school }
        if let year = FormValues.optional(form, "yearGroup") {
            do {
                let normalised = try YearGroup.normalise(year)
                if normalised != child?.yearGroup { edit.yearGroup = normalised }
            } catch let error as CaseloadError {
                form.set("yearGroup", error: error.message)
            } catch { form.set("yearGroup", error: "\(error)") }
        }
        if let need = FormValues.optional(form, "need"), need != child?.primaryNeed { edit.primaryNeed = need }
        let ticked = Set(form["issues"]?.picked ?? []), held = Set(detail?.issues ?? [])
        edit.addIssues = ticked.subtracting(held).sorted()
        edit.removeIssues = held.subtracting(ticked).sorted()
        guard form.errors.isEmpty else { return nil }
        var unchanged = edit
        unchanged.reason = nil
        guard unchanged != CaseEdit() else {
            form.set("level", error: "Nothing has changed: change a field, or Esc leaves the case as it is.")
            return nil
        }
        return .editCase(reference: reference, edit: edit)
    }

    /// The case file on screen, when it is this case's: what the form starts from.
    private static func shown(_ reference: String, _ context: FormContext) -> CaseDetail? {
        context.detail?.reference == reference ? context.detail : nil
    }
}
