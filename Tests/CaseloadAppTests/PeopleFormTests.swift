import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// `p` in a case file: whose details, a key each on the bottom line, then
/// a form that starts from what the file holds and sends only what changed;
/// + adds someone; `S` shows the special-category details only when asked.
@Suite struct PeopleFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }
    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    static let people = [
        #"{"personId":"p1","role":"subject","kind":"child","name":"Zoë Nguyễn","dateOfBirth":"2015-04-03","interpreter":false,"parentalResponsibility":false,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}"#,
        #"{"personId":"p2","role":"parent-carer","kind":"adult","name":"Thảo Nguyễn","phone":"07700 900123","address":"1 Elm Road, Birmingham","interpreter":false,"parentalResponsibility":true,"noVoicemail":false,"doNotWrite":true,"doNotShare":false,"mainContact":true}"#,
        #"{"personId":"p3","role":"professional","kind":"professional","name":"Priya Patel","organisation":"Elmfield Primary","professionalRole":"SENCO","interpreter":false,"parentalResponsibility":false,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false,"removedAt":"2026-11-20T10:00:00Z","removedBy":"Amira Khan","removedReason":"Left the school"}"#,
    ].joined(separator: ",")

    func caseFile() throws -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .caseLoaded(try AppFixture.detail(1, people: Self.people), refresh: false))
        return state
    }

    func personForm(_ key: Character) throws -> AppState {
        var state = try caseFile()
        #expect(press([.character("p")], &state).isEmpty)
        let effects = press([.character(key)], &state)
        guard case .store(.prepareForm(let purpose, _))? = effects.first else {
            Issue.record("no form was asked for: \(effects)")
            return state
        }
        _ = update(&state, .formReady(purpose, draft: nil, workers: []))
        return state
    }

    @Test func theQuestionOffersThePeopleStillInvolvedAKeyEach() throws {
        var state = try caseFile()
        _ = press([.character("p")], &state)
        let bottom = screen.render(state).lines.last ?? ""
        #expect(bottom.hasPrefix("Whose details? 1 Zoë N · 2 Thảo N · + new"), "the removed SENCO is not offered")
        #expect(press([.character("9")], &state).isEmpty && state.message?.contains("Press the key beside a name") == true)
        #expect(press([.character("2")], &state) == [.store(.prepareForm(.editPerson(reference: "C-2026-00001", personId: "p2")))])
    }

    @Test func theFormStartsFromThePersonAndSendsOnlyWhatChanged() throws {
        var state = try personForm("2")
        let form = try #require(state.form)
        #expect(form.value("phone") == "07700 900123" && form.value("do_not_write") == "yes" && form.value("mainContact") == "yes")
        #expect(form["ethnicity"] == nil, "special-category details are not in the form unless shown")
        #expect(form["organisation"] == nil, "a parent has no organisation field")
        // Nothing changed: said, nothing sent.
        #expect(press([.function(2)], &state).compactMap(\.saving).isEmpty)
        #expect(state.form?.errors["full_name"]?.hasPrefix("Nothing has changed") == true)
        // Tab to the phone (name, known as, born, language, interpreter, phone), a new number; tick no voicemail.
        _ = press(Array(repeating: .tab, count: 5) + type("07700 900999"), &state)
        #expect(state.form?.focused.id == "phone")
        _ = press(Array(repeating: .tab, count: 4) + [.character(" ")], &state)
        #expect(state.form?.focused.id == "no_voicemail")
        let saved = press([.function(2)], &state).compactMap(\.saving)
        var edit = PersonEdit(fields: [.phone: "07700 900999", .noVoicemail: "yes"])
        edit.reason = nil
        #expect(saved == [.editPerson(reference: "C-2026-00001", personId: "p2", edit: edit)])
    }

    @Test func takingSomeoneOffIsItsOwnSaveWithAReason() throws {
        var state = try personForm("2")
        let last = try #require(state.form?.fields.lastIndex { $0.id == "removeReason" })
        _ = press(Array(repeating: .tab, count: last) + type("Moved abroad"), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.removeParty(reference: "C-2026-00001", personId: "p2", reason: "Moved abroad")])
        // With a change as well, it asks for one or the other.
        var both = try personForm("2")
        _ = press(type("Thao Nguyen") + Array(repeating: .tab, count: last) + type("Moved abroad"), &both)
        #expect(press([.function(2)], &both).compactMap(\.saving).isEmpty)
        #expect(both.form?.errors["removeReason"]?.contains("not both") == true)
    }

    @Test func theChildCannotBeTakenOffAndHasNoMainContactField() throws {
        let state = try personForm("1")
        #expect(state.form?["removeReason"] == nil && state.form?["mainContact"] == nil)
        #expect(state.form?.value("date_of_birth") == "03/04/2015")
    }

    @Test func addingAProfessionalAsksTheirRoleAndOrganisation() throws {
        var state = try personForm("+")
        #expect(state.form?.purpose == .addParty(reference: "C-2026-00001"))
        #expect(state.form.map { f in !f.isShown(f["organisation"]!) } == true, "a parent has no organisation")
        _ = press(type("prof") + [.enter] + type("Dr Ade Okoro") + [.tab] + type("Paediatrician") + [.tab]
                  + type("Birmingham Community Health"), &state)
        let saved = press([.function(2)], &state).compactMap(\.saving)
        var party = NewParty(name: "Dr Ade Okoro", role: .professional)
        party.details = [.professionalRole: "Paediatrician", .organisation: "Birmingham Community Health"]
        #expect(saved == [.addParty(reference: "C-2026-00001", party: party)])
        var empty = try personForm("+")
        #expect(press([.function(2)], &empty).compactMap(\.saving).isEmpty && empty.form?.errors["full_name"] == "Give their name.")
    }

    @Test func theCaseFileShowsDetailsWarningsAndWhoIsNoLongerInvolvedAt80Columns() throws {
        var state = try caseFile()
        _ = press([.character("g")], &state)
        let lines = screen.render(state).lines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Thảo Nguyễn, parental responsibility, main contact"))
        #expect(text.contains("phone 07700 900123 · address 1 Elm Road, Birmingham"))
        #expect(text.contains("! DO NOT WRITE to their address"))
        #expect(text.contains("No longer involved"))
        #expect(text.contains("Priya Patel, removed on 20/11/2026 by Amira Khan: Left the school"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func specialCategoryDetailsAreAskedForAndHiddenAgain() throws {
        var state = try caseFile()
        #expect(press([.character("S")], &state) == [.store(.showSpecial(reference: "C-2026-00001", shown: true))])
        #expect(state.message?.contains("(recorded)") == true)
        var shown = try AppFixture.detail(1, people: Self.people.replacingOccurrences(
            of: #""name":"Zoë Nguyễn","#, with: #""name":"Zoë Nguyễn","ethnicity":"Vietnamese","#))
        shown.specialShown = true
        _ = update(&state, .caseLoaded(shown, refresh: true))
        _ = press([.character("g")], &state)
        #expect(screen.render(state).lines.contains { $0.contains("Special category: ethnicity Vietnamese") })
        #expect(press([.character("S")], &state) == [.store(.showSpecial(reference: "C-2026-00001", shown: false))])
    }
}
