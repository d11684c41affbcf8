import ArgumentParser
import CaseloadCore
import Testing
@testable import caseload

/// `QuickArguments` reads plain searches without the argument parser; these
/// tests hold it to the parser's reading of the same command lines.
@Suite struct QuickArgumentsTests {
    /// What the parser makes of a command line, when it makes a search of it.
    func parsed(_ arguments: [String]) -> SearchRequest? {
        (try? Caseload.parseAsRoot(arguments) as? SearchCommand)?.request
    }

    @Test func plainSearchesAreReadWithoutTheParser() {
        let cases: [([String], SearchRequest)] = [
            (["search", "tribunal"], SearchRequest(globals: Globals(), words: ["tribunal"])),
            (["search", "tribunal", "--json", "--as", "zdemir"],
             SearchRequest(globals: Globals(login: "zdemir"), words: ["tribunal"], json: true)),
            (["search", "--limit", "5", "Zoë", "Nguyễn", "--store", "/tmp/a b.sqlite"],
             SearchRequest(globals: Globals(store: "/tmp/a b.sqlite"), words: ["Zoë", "Nguyễn"], limit: 5)),
            (["search", "EHCP", "--as", "", "review"], SearchRequest(globals: Globals(login: ""), words: ["EHCP", "review"])),
        ]
        for (arguments, expected) in cases {
            #expect(QuickArguments.search(arguments) == expected, "\(arguments)")
            #expect(parsed(arguments) == expected, "\(arguments)")
        }
    }

    @Test func anythingElseIsLeftToTheParser() {
        for arguments in [["search"], ["search", "--json"], ["search", "--help"], ["search", "-h", "x"], ["search", "--", "-x"],
                          ["search", "x", "--limit=5"], ["search", "x", "--limit", "-5"], ["search", "x", "--limit", "+5"],
                          ["search", "x", "--limit", "99999999999999999999"], ["search", "x", "--limit"], ["search", "x", "--as"],
                          ["search", "x", "--as", "--json"], ["search", "x", "--json", "--json"], ["search", "x", "--as", "a", "--as", "b"],
                          ["search", "x", "--jsn"], ["search", "-x"], ["--as", "a", "search", "x"], ["help", "search"], ["case", "list"], []] {
            #expect(QuickArguments.search(arguments) == nil, "\(arguments)")
        }
    }

    /// Thousands of command lines drawn from words, options, values and
    /// near misses: whenever the quick reading takes one, the parser reads
    /// the same search from it.
    @Test func agreesWithTheParserOnRandomCommandLines() {
        let pieces = ["tribunal", "Zoë", "EHCP", "", " ", "x y", "--json", "--limit", "5", "0", "007", "+3", "-2",
                      "99999999999999999999", "--as", "amira", "--store", "/tmp/x.sqlite", "--", "-", "-h", "--help",
                      "--limit=5", "--as=amira", "--jso", "--generate-completion-script", "search", "help"]
        var random = SeededRandom(seed: 2026)
        var quick = 0
        for _ in 0..<4000 {
            var arguments = [random.chance(0.9) ? "search" : random.pick(pieces)]
            for _ in 0..<random.below(7) { arguments.append(random.pick(pieces)) }
            guard let request = QuickArguments.search(arguments) else { continue }
            quick += 1
            #expect(parsed(arguments) == request, "\(arguments)")
        }
        // Enough of the lines were plain for the comparison to mean something.
        #expect(quick > 300)
    }
}
