import ArgumentParser
import Foundation
import CaseloadCore
import CaseloadStore

/// The value lists shipped in Resources/, for help texts that name the valid ids.
enum Bundled {
    static var vocabulary: Vocabulary? { try? Store.installedVocabulary }

    static func ids(_ list: KeyPath<Vocabulary, Vocabulary.List>) -> String {
        vocabulary.map { $0[keyPath: list].ids.joined(separator: ", ") } ?? "(value lists not found)"
    }
}

extension WorkerRole: ExpressibleByArgument {}
extension CaseFilter.Status: ExpressibleByArgument {}
extension DeadlineRule: ExpressibleByArgument {}

/// Reading the optional dates and numbers commands take, with our messages.
enum Parse {
    /// A date that must be written out (a date of birth): dd/mm/yyyy only.
    static func exactDay(_ text: String?) throws -> Day? {
        try text.map(Day.parse)
    }

    /// A date option: dd/mm/yyyy or a phrase such as today, +2w or fri,
    /// read against the range that makes sense for it. A problem ends with
    /// the flag, so the message says what to type.
    static func day(_ text: String?, _ range: DateRange, flag: String,
                    direction: DatePhrase.Direction = .future) throws -> Day? {
        try text.map { text in
            try naming(flag) { try range.check(DatePhrase.parse(text, today: Day.today(), direction: direction)) }
        }
    }

    /// A day that has happened (consent given, a key date met): from 1990 to today.
    static func pastDay(_ text: String?, _ what: String, flag: String) throws -> Day? {
        try day(text, DateRange.past(what, today: Day.today()), flag: flag, direction: .past)
    }

    /// The day a key event happened: "15/06" or "fri" mean the last one,
    /// except for events usually still to come (a review meeting).
    static func eventDay(_ text: String?, for subject: KeyDateSubject, flag: String) throws -> Day? {
        try day(text, subject == .rule(.tribunalAppeal) ? .decisionLetter : .keyEvent, flag: flag,
                direction: subject.isUsuallyAhead ? .future : .past)
    }

    /// A moment that has happened ("dd/mm/yyyy HH:MM"): not ahead of the
    /// clock, nor before 1990.
    static func pastMoment(_ text: String?, _ what: String, flag: String, in timeZone: TimeZone) throws -> Date? {
        try text.map { text in
            try naming(flag) {
                let moment = try Moment.parse(text, in: timeZone)
                try DateRange.checkPast(moment, what: what, now: Date(), in: timeZone)
                return moment
            }
        }
    }

    /// Runs `body`, adding the flag to a refusal about its input.
    private static func naming<T>(_ flag: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CaseloadError where error.kind == .invalid && error.field == nil {
            throw CaseloadError.invalid(error.message + " (" + flag + ")")
        }
    }

    /// `--limit N`: a whole number of rows from 1 up, the same on every
    /// command; nothing else is a number of rows.
    static func limit(_ value: Int) throws -> Int {
        guard value >= 1 else {
            throw CaseloadError.invalid("--limit \(value) is not a number of rows: give 1 or more, or leave --limit out for the default")
        }
        return value
    }

    /// Reads a text option: "-" means standard input, so a long note can be
    /// piped in. At most one byte past the limit is read, so an endless
    /// stream is refused at once rather than read into memory.
    static func text(_ value: String) throws -> String {
        guard value == "-" else { return value }
        let most = TextLimits.note + 1
        var bytes = [UInt8](repeating: 0, count: most)
        var count = 0
        while count < most {
            let got = bytes.withUnsafeMutableBytes { read(0, $0.baseAddress! + count, most - count) }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw CaseloadError.invalid("standard input could not be read (\(String(cString: strerror(errno))))") }
            if got == 0 { break }
            count += got
        }
        return try PipedText.decode(Array(bytes.prefix(count)))
    }
}
