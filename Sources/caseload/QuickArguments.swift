/// Reads the plainest `caseload search` command lines without the argument
/// parser.
///
/// Search is what scripts and other tools run most, one process at a time,
/// and the parser's reflection of its command types costs about 16 million
/// instructions in every run, a sixth of a whole search (README,
/// Performance). So a search made only of words, `--json`, and `--limit N`,
/// `--as LOGIN` and `--store PATH` each given at most once, is read here.
/// Anything else (help, `--`, `--limit=5`, a word or value starting with
/// "-", a repeated option, a typo) is left to the parser, which owns every
/// usage message. The parser would also run the command's `validate()`;
/// `SearchCommand` has none, and must not gain one without this reading
/// doing the same. `QuickArgumentsTests` holds this reading to the parser's
/// on thousands of command lines.
enum QuickArguments {
    static func search(_ arguments: some Sequence<String>) -> SearchRequest? {
        var rest = arguments.makeIterator()
        guard rest.next() == "search" else { return nil }
        var request = SearchRequest(globals: Globals(), words: [])
        var seen: [String] = []
        while let argument = rest.next() {
            guard argument.hasPrefix("-") else {
                request.words.append(argument)
                continue
            }
            guard !seen.contains(argument) else { return nil }
            seen.append(argument)
            switch argument {
            case "--json":
                request.json = true
            case "--limit":
                guard let value = rest.next(), !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                      let limit = Int(value) else { return nil }
                request.limit = limit
            case "--as":
                guard let value = plainValue(rest.next()) else { return nil }
                request.globals.login = value
            case "--store":
                guard let value = plainValue(rest.next()) else { return nil }
                request.globals.store = value
            default:
                return nil
            }
        }
        return request.words.isEmpty ? nil : request
    }

    /// An option's value, unless it is missing or looks like an option itself.
    private static func plainValue(_ value: String?) -> String? {
        guard let value, !value.hasPrefix("-") else { return nil }
        return value
    }
}
