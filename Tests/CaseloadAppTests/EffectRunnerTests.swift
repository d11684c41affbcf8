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

    /// Every form's save ends its draft: the runner hands the draft to the
    /// store call that saves the record.
    @Test func everyFormsSaveEndsItsDraft() throws {
        let f = try Fixture()
        defer { f.remove() }
        func save(_ effect: StoreWork, _ kind: String, as runner: EffectRunner? = nil, by actor: ActingWorker? = nil,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
            let actor = actor ?? f.amira
            try f.store.saveDraft(kind: kind, reference: f.reference, fields: ["x": "typed"], by: actor)
            let messages = (runner ?? f.runner).perform(.saveForm(effect, draftKind: kind, draftReference: f.reference),
                                                        pageSize: 100)
            guard case .changed? = messages.first else {
                Issue.record("\(kind) was not saved: \(messages)", sourceLocation: sourceLocation)
                return
            }
            #expect(try f.store.draft(kind: kind, reference: f.reference, by: actor) == nil, "\(kind)",
                    sourceLocation: sourceLocation)
        }
        let now = f.store.now()
        try save(.logContact(ContactInput(reference: f.reference, mode: "phone-in", occurredAt: now, summary: "Mum rang")),
                 "contact")
        let consent = ConsentInput(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, givenOn: f.store.today,
                                   scope: "Referral")
        try save(.flag(FlagInput(reference: f.reference, reasons: [], narrative: "Housing", urgency: .routine, consent: consent)),
                 "flag")
        try save(.moveReferral(ReferralMoveInput(reference: f.reference, status: .sent)), "referral-status")
        try save(.recordSafeguarding(SafeguardingInput(reference: f.reference, told: "Duty social worker", at: now)),
                 "safeguarding")
        try save(.handOver([f.reference], to: "sam", summary: "Over to Sam"), "handover")
        try save(.recordFamilyTold(FamilyToldInput(reference: f.reference, how: "phone call", at: now, letter: false)),
                 "family-told")
        let sam = try f.store.actingWorker(login: "sam", osUser: "tester")
        try save(.reassign([f.reference], to: "amira", reason: "Back to Amira"), "reassign",
                 as: EffectRunner(store: f.store, actor: sam), by: sam)
    }

    @Test func everyFieldAFormAsksForUnderOneLabelIsNamed() {
        #expect(EffectRunner.message(.invalid("say who was told", field: .told)) == "say who was told (in the form, Who you told)")
        #expect(EffectRunner.message(.invalid("a worker needs a name", field: .name)) == "a worker needs a name")
        #expect(EffectRunner.message(.invalid("no field")) == "no field")
    }
}
