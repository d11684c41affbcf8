import ArgumentParser
import CaseloadCore
import Foundation
import PropertyBased
import Testing
@testable import caseload

/// Random bytes, dates and option values given to the command reader: each
/// is read, or refused with a message and an exit status, never a crash or
/// a trap.
@Suite struct CommandReaderPropertyTests {
    /// Dates as people type them, and noise: digits, slashes, signs,
    /// weekday letters, times, and any bytes at all.
    static let typed = Gen.oneOf(
        Gen<Character?>.element(of: Array("0123456789//+-: dwmyfritoday") as [Character]).map { $0 ?? "0" }.string(of: 0...16),
        zip(Gen.int(in: -3...40), Gen.int(in: -1...14), Gen.int(in: -10...12_000)).map { "\($0)/\($1)/\($2)" },
        zip(Gen.int(in: 1...31), Gen.int(in: 1...12), Gen.int(in: 1...9999), Gen.int(in: -1...25), Gen.int(in: -1...61))
            .map { String(format: "%02d/%02d/%04d %02d:%02d", $0, $1, $2, $3, $4) },
        zip(Gen.element(of: ["+", "-"]), Gen.int(in: -99_999...99_999), Gen.element(of: ["d", "w", "m", "y", "x"]))
            .map { "\($0 ?? "+")\($1)\($2 ?? "d")" },
        Gen.element(of: ["--9223372036854775808d", "+-9223372036854775808w", "+-5d"]).map { $0 ?? "+-5d" },
        Gen.uint8().array(of: 0...12).map { String(decoding: $0, as: UTF8.self) })

    static let numbers = Gen.oneOf(Gen.int(in: -3...3).map(String.init), Gen.int().map(String.init),
                                   Gen.element(of: ["", "1e3", "0x10", "99999999999999999999", "-0", "+5"]).map { $0 ?? "" })

    /// Commands with the arguments they need, to which options are added.
    static let commands: [[String]] = [
        ["deadline", "ehc-decision"], ["deadline", "annual-review"], ["deadline", "certificate-issued"],
        ["deadline", "tribunal-appeal"], ["deadline", "review-meeting"],
        ["contact", "add", "C-2026-00001", "--mode", "phone-in", "--summary", "Rang."],
        ["keydate", "add", "C-2026-00001", "decision-letter"], ["keydate", "met", "C-2026-00001", "annual-review"],
        ["worker", "add", "dev", "--name", "Dev"], ["worker", "end", "dev"],
        ["flag", "C-2026-00001", "--reason", "Housing"], ["safeguarding", "C-2026-00001", "--told", "Front door"],
        ["consent", "C-2026-00001", "--by", "Mum", "--role", "parent-carer", "--method", "verbal"],
        ["family-told", "C-2026-00001", "--how", "phone"], ["case", "list"], ["search", "zoe"], ["audit"],
    ]
    static let dateOptions = ["--from", "--follow-up", "--at", "--key-date-from", "--decision-letter", "--mediation-certificate",
                              "--on", "--starts", "--ends", "--consent-date", "--date", "--dob"]
    static let numberOptions = ["--limit", "--minutes", "--capacity"]

    static let arguments = zip(
        Gen.element(of: commands).map { $0 ?? ["audit"] },
        zip(Gen.element(of: dateOptions).map { $0 ?? "--from" }, typed).array(of: 0...3),
        zip(Gen.element(of: numberOptions).map { $0 ?? "--limit" }, numbers).array(of: 0...1),
        typed.array(of: 0...1)
    ).map { command, dates, numbers, stray in
        command + dates.flatMap { ["\($0)=\($1)"] } + numbers.flatMap { ["\($0)=\($1)"] } + stray
    }

    @Test func anyArgumentsAreReadOrRefusedAndEveryDateInThemIsHeldToItsRange() async {
        await propertyCheck(count: 400, input: Self.arguments) { arguments in
            let command: ParsableCommand
            do {
                command = try Caseload.parseAsRoot(arguments)
            } catch {
                // A usage error: ArgumentParser's message and exit status 64.
                #expect(Caseload.exitCode(for: error).rawValue != 0)
                return
            }
            do {
                try Self.readTypedValues(command)
            } catch let error as CaseloadError {
                #expect(error.kind == .invalid, "\(arguments): \(error.message)")
                #expect(Session.exitCode(for: error.kind) == 2)
            } catch {
                Issue.record("\(arguments): not a refusal with a message: \(error)")
            }
        }
    }

    @Test func everyDateOptionIsReadWithinItsRangeOrRefusedNamingItsFlag() async {
        let ranges: [DateRange] = [.keyEvent, .decisionLetter, .mediationCertificate, .followUp, .workerStart, .workerEnd,
                                   .past("the consent date", today: Day.today())]
        await propertyCheck(count: 500, input: Self.typed, Gen.int(in: 0...(ranges.count - 1)), Gen.bool) { text, index, past in
            let range = ranges[index]
            do {
                let day = try Parse.day(text, range, flag: "--flag DD/MM/YYYY", direction: past ? .past : .future)
                #expect(day.map(range.contains) == true, "\(text) read as \(day?.formatted ?? "nothing")")
            } catch let error as CaseloadError {
                #expect(error.kind == .invalid)
                #expect(error.message.hasSuffix(" (--flag DD/MM/YYYY)"), "\(error.message)")
            } catch {
                Issue.record("\(text): \(error)")
            }
            do {
                let zone = TimeZone(identifier: "Europe/London") ?? .current
                if let moment = try Parse.pastMoment(text, "the time", flag: "--at", in: zone) {
                    #expect(moment.timeIntervalSinceNow <= DateRange.clockGrace)
                    #expect(Day(moment, in: zone) >= DateRange.firstCaseworkDay)
                }
            } catch let error as CaseloadError {
                #expect(error.kind == .invalid && error.message.hasSuffix(" (--at)"), "\(error.message)")
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    /// The whole path, through the built binary: the calculator needs no
    /// store, so any date reaches every check and the arithmetic. A trap
    /// would end the process on a signal.
    @Test func theDeadlineCommandAnswersOrRefusesAnyDate() async throws {
        let binary = try #require(Self.binary, "the caseload binary is built beside the tests")
        let rules = ["ehc-decision", "annual-review", "tribunal-appeal", "subject-access", "phase-transfer",
                     "review-meeting", "certificate-issued", "first-response"]
        await propertyCheck(count: 60, input: Gen.element(of: rules).map { $0 ?? "ehc-decision" }, Self.typed,
                            Self.typed.optional) { rule, from, letter in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["deadline", rule, "--from=" + from] + (letter.map { ["--decision-letter=" + $0] } ?? [])
            process.environment = ["TZ": "Europe/London", "CASELOAD_STORE": "/nonexistent/caseload-property.sqlite"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                Issue.record("could not run \(binary.path): \(error)")
                return
            }
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "\(process.arguments ?? []) ended on signal \(process.terminationStatus)")
            #expect([0, 2, 64].contains(process.terminationStatus), "\(process.arguments ?? []) exit \(process.terminationStatus)")
        }
    }

    static var binary: URL? {
        var folder = Bundle.main.bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("caseload")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// What each command's `run` reads from its options before it opens
    /// the store, read the same way.
    static func readTypedValues(_ command: ParsableCommand) throws {
        let zone = TimeZone(identifier: "Europe/London") ?? .current
        switch command {
        case let deadline as DeadlineCommand:
            let calendar = WorkingCalendar(bankHolidays: [], firstYear: 2026, lastYear: 2026)
            let entry = try deadline.input.entry()
            for answer in try DeadlineCalculator(calendar: calendar).deadlines(for: entry) {
                #expect(DateRange.keyEvent.contains(answer.anchor))
                #expect(abs(answer.anchor.days(until: answer.due)) <= 800, "\(answer.rule.rawValue) \(answer.anchor) \(answer.due)")
            }
        case let key as KeyDateCommand.Add:
            _ = try key.input.entry()
        case let contact as ContactCommand.Add:
            _ = try Parse.pastMoment(contact.at, "the contact time", flag: "--at", in: zone)
            _ = try Parse.day(contact.followUp, .followUp, flag: "--follow-up")
            if let subject = contact.keyDate { _ = try Parse.eventDay(contact.keyDateFrom, for: subject, flag: "--key-date-from") }
            _ = try Parse.day(contact.decisionLetter, .decisionLetter, flag: "--decision-letter", direction: .past)
        case let met as KeyDateCommand.Met:
            _ = try Parse.pastDay(met.on, "the day it was met", flag: "--on")
        case let worker as WorkerCommand.Add:
            _ = try Parse.day(worker.starts, .workerStart, flag: "--starts")
            _ = try Parse.day(worker.ends, .workerEnd, flag: "--ends")
        case let end as WorkerCommand.End:
            _ = try Parse.day(end.on, .workerEnd, flag: "--on")
        case let flag as FlagCommand:
            _ = try Parse.pastDay(flag.consentDate, "the consent date", flag: "--consent-date")
        case let concern as SafeguardingCommand:
            _ = try Parse.pastMoment(concern.at, "the time of the call", flag: "--at", in: zone)
        case let consent as ConsentCommand:
            _ = try Parse.pastDay(consent.date, "the consent date", flag: "--date")
        case let told as FamilyToldCommand:
            _ = try Parse.pastMoment(told.at, "the time the family was told", flag: "--at", in: zone)
        case let list as CaseCommand.List:
            _ = try list.limit.map(Parse.limit)
        case let search as SearchCommand:
            _ = try Parse.limit(search.limit)
        case let audit as AuditCommand:
            _ = try Parse.limit(audit.limit)
        default:
            break
        }
    }
}
