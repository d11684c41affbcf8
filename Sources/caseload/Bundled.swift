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

    /// A date option: dd/mm/yyyy or a phrase such as today, +2w or fri.
    static func day(_ text: String?, direction: DatePhrase.Direction = .future) throws -> Day? {
        try text.map { try DatePhrase.parse($0, today: Day.today(), direction: direction) }
    }

    /// The day a key event happened: "15/06" or "fri" mean the last one,
    /// except for events usually still to come (a review meeting).
    static func eventDay(_ text: String?, for subject: KeyDateSubject) throws -> Day? {
        try day(text, direction: subject.isUsuallyAhead ? .future : .past)
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
