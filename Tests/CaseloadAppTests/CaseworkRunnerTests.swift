import CaseloadCore
import Foundation
import Testing
@testable import CaseloadApp
@testable import CaseloadStore

/// The casework forms' effects against a real store on a temporary file.
@Suite struct CaseworkRunnerTests {
    struct Fixture {
        let folder: URL
        let store: Store
        let sam: ActingWorker
        let amira: ActingWorker
        let reference: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-casework-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
            sam = try store.initialise(service: "Test SENDIASS", supervisor: NewWorker(login: "sam", name: "Sam Okafor"),
                                       osUser: "tester")
            try store.addWorker(NewWorker(login: "amira", name: "Amira Khan"), by: sam)
            try store.addWorker(NewWorker(login: "ben", name: "Ben Evans"), by: sam)
            amira = try store.actingWorker(login: "amira", osUser: "tester")
            var new = NewCase(child: "Zoë Nguyễn")
            new.parent = "Thảo Nguyễn"
            reference = try store.openCase(new, by: amira).description
        }

        func runner(_ actor: ActingWorker? = nil) -> EffectRunner { EffectRunner(store: store, actor: actor ?? amira) }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func text(_ messages: [Message]) -> String? {
        switch messages.first {
        case .changed(let text)?, .failed(let text)?: return text
        default: return nil
        }
    }

    @Test func aHandoverSomeoneElseMadeNamesTheKeyThatWithdrawsItAndWithdrawingWorks() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.handOver([f.reference], toLogin: "ben", summary: "Over to Ben.", by: f.sam)
        let refused = Self.text(f.runner().perform(.handOver([f.reference], to: "sam", summary: "Mine"), pageSize: 50))
        #expect(refused?.hasSuffix("they or a supervisor can withdraw it with W") == true, "\(refused ?? "")")

        let notMine = f.runner().perform(.withdrawHandover(reference: f.reference, reason: "Mum asked"), pageSize: 50)
        guard case .failed? = notMine.first else {
            Issue.record("a caseworker withdrew a supervisor's handover: \(notMine)")
            return
        }
        let done = f.runner(f.sam).perform(.withdrawHandover(reference: f.reference, reason: "Mum asked to keep Amira"),
                                           pageSize: 50)
        #expect(Self.text(done) == "Withdrew the handover of \(f.reference) to ben; the case stays where it was.")
        #expect(try f.store.casesHandedTo(try f.store.actingWorker(login: "ben", osUser: "tester")).isEmpty)
        let timeline = try f.store.caseDetail(f.reference, by: f.amira).timeline
        #expect(timeline.contains { ($0.text ?? "").contains("Withdrawn by Sam Okafor: Mum asked to keep Amira") })
    }
}
