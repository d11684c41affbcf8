import CaseloadCore
import Foundation
import Testing
@testable import CaseloadApp
@testable import CaseloadStore

/// The effect runner against a real store on a temporary file.
@Suite struct EffectRunnerTests {
    struct Fixture {
        let folder: URL
        let store: Store
        let runner: EffectRunner
        let amira: ActingWorker
        let reference: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
            let supervisor = try store.initialise(service: "Test SENDIASS", supervisor: NewWorker(login: "sam", name: "Sam Okafor"),
                                                  osUser: "tester")
            try store.addWorker(NewWorker(login: "amira", name: "Amira Khan"), by: supervisor)
            amira = try store.actingWorker(login: "amira", osUser: "tester")
            reference = try store.openCase(NewCase(child: "Zoë Nguyễn"), by: amira).description
            runner = EffectRunner(store: store, actor: amira)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// The store names the input it refuses; the form's message names the
    /// field to put right by its label, as the command line names its flag.
    @Test func aRefusedFormSaveNamesTheFormsFieldAndKeepsTheDraft() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.saveDraft(kind: "contact", reference: f.reference, fields: ["summary": "Certificate came"], by: f.amira)
        var input = ContactInput(reference: f.reference, mode: "letter", occurredAt: f.store.now(), summary: "Certificate came")
        input.keyDate = KeyDateEntry(subject: .event(.certificateIssued), on: f.store.today)
        let messages = f.runner.perform(.saveForm(.logContact(input), draftKind: "contact", draftReference: f.reference),
                                        pageSize: 100)
        guard case .failed(let text)? = messages.first else {
            Issue.record("expected a refusal, got \(messages)")
            return
        }
        #expect(text.hasPrefix("an appeal after mediation runs from the decision letter too"))
        #expect(text.hasSuffix("(in the form, Decision letter)"))
        #expect(!text.contains("--"))
        #expect(try f.store.draft(kind: "contact", reference: f.reference, by: f.amira) != nil)
    }

    @Test func everyFieldAFormAsksForUnderOneLabelIsNamed() {
        #expect(EffectRunner.message(.invalid("say who was told", field: .told)) == "say who was told (in the form, Who you told)")
        #expect(EffectRunner.message(.invalid("a worker needs a name", field: .name)) == "a worker needs a name")
        #expect(EffectRunner.message(.invalid("no field")) == "no field")
    }
}
