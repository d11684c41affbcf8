import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// A form open over the current place: keys, pastes, the user's own
/// editor, drafts kept as typing pauses, and saving. Drawn by
/// `Views/FormView.swift`; each kind of form is in `Forms/`.
extension Update {
    func formReady(_ purpose: FormPurpose, draft: Draft?, workers: [WorkerSummary], facts: String?,
                   prefill: [String: String] = [:], _ state: inout AppState) -> [Effect] {
        var form = Forms.make(purpose, formContext(state, workers: workers))
        if let facts, let index = form.fields.firstIndex(where: { $0.id == "summary" }) {
            // The summary starts from the facts on file; the worker edits it.
            form.fields[index].text.replace(with: facts + "\n\n")
        }
        // Where it starts (a correction from the contact it corrects); not a
        // change, so leaving it untouched asks nothing.
        if !prefill.isEmpty { form.restore(prefill, prefilled: true) }
        if let draft {
            form.restore(draft.fields)
            form.dirty = true
            form.restoredFrom = draft.updatedAt
        }
        if case .reassign(let references) = purpose, references.allSatisfy({ isUnallocated($0, state) }) {
            // A case with no worker is allocated, not reassigned.
            form.title = "Allocate " + HandoverForm.describe(references)
            form.intro = ["The case has no worker: allocating it gives it one at once, recorded with your reason."]
            form.allocating = true
        }
        state.form = form
        return []
    }

    /// Whether a case on screen (the open file, a list row, a search hit) has no worker.
    private func isUnallocated(_ reference: String, _ state: AppState) -> Bool {
        if let detail = state.caseFile?.detail, detail.reference == reference { return detail.workerLogin == nil }
        if let row = state.list.rows.first(where: { $0.reference == reference }) { return row.workerLogin == nil }
        if let hit = state.search?.hits.first(where: { $0.reference == reference }) { return hit.workerLogin == nil }
        return false
    }

    func handleForm(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var form = state.form else { return [] }
        let outcome = form.handle(key, inputWidth: Form.inputWidth(screenWidth: state.width))
        state.form = form
        switch outcome {
        case .unchanged:
            return []
        case .changed:
            return draftEffect(form)
        case .cancel:
            state.form = nil
            return []
        case .discard:
            state.form = nil
            say(&state, "Thrown away; nothing was saved.")
            return [.store(.discardDraft(kind: form.purpose.draftKind, reference: form.purpose.draftReference))]
        case .externalEdit:
            return [.terminal(.editText(form.focused.text.text))]
        case .save:
            guard let effect = Forms.submit(&form, formContext(state)) else {
                let count = form.errors.count
                form.problem = count == 1 ? "One thing to put right before saving (marked ⚠)."
                    : "\(count) things to put right before saving (marked ⚠)."
                state.form = form
                return []
            }
            form.saving = true
            state.form = form
            // The reason given this session for acting on a case outside the
            // caseload goes with the change, which records it.
            let reason = form.purpose.references.count == 1 ? state.reasonsGiven[form.purpose.references[0]] : nil
            return [.store(.saveForm(effect, draftKind: form.purpose.draftKind, draftReference: form.purpose.draftReference,
                                     reason: reason))]
        }
    }

    /// The new case may be about people on record: the form stays, with
    /// everything typed, and asks who it is about.
    func familyFound(_ matches: [FamilyMatch], _ state: inout AppState) {
        guard var form = state.form, form.purpose == .newCase else { return }
        form.saving = false
        NewCaseForm.offer(matches, in: &form)
        state.form = form
    }

    /// Text back from the user's own editor, into the note being edited.
    func edited(_ text: String, _ state: inout AppState) -> [Effect] {
        guard var form = state.form, case .note = form.focused.kind else { return [] }
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard trimmed != form.focused.text.text else { return [] }
        form.fields[form.focus].text.replace(with: trimmed)
        form.dirty = true
        form.errors[form.focused.id] = nil
        state.form = form
        return draftEffect(form)
    }

    /// A paste stays in the field it is pasted into, line breaks and tabs included.
    func pasted(_ text: String, _ state: inout AppState) -> [Effect] {
        guard var form = state.form, form.focused.takesText else { return [] }
        let width = Form.inputWidth(screenWidth: state.width)
        for character in text { _ = form.fields[form.focus].typeOver(.character(character), inputWidth: width) }
        form.dirty = true
        form.errors[form.focused.id] = nil
        state.form = form
        return draftEffect(form)
    }

    func formContext(_ state: AppState, workers: [WorkerSummary] = []) -> FormContext {
        FormContext(vocabulary: vocabulary, today: state.today, now: state.now, timeZone: state.timeZone, user: state.user,
                    detail: state.caseFile?.detail, workers: workers)
    }

    private func draftEffect(_ form: Form) -> [Effect] {
        [.terminal(.keepDraft(kind: form.purpose.draftKind, reference: form.purpose.draftReference, fields: form.values))]
    }
}
