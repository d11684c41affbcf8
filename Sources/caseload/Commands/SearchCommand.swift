import ArgumentParser
import CaseloadCore
import CaseloadStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search names, case references and contact notes.",
        discussion: """
            Every word must match; a word matches any word it begins (in notes, a word of one or two letters matches \
            only itself). Accents are ignored: zoe finds Zoë. At most \(SearchWords.maximumWords) different words \
            and \(SearchWords.maximumBytes) bytes. A caseworker's hits outside their caseload show the case and the \
            child's name but not the matching text, until the case is opened with a reason.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words to look for.")
    var words: [String]

    @Option(help: "At most this many results (1 or more; default 50).")
    var limit: Int = 50

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        try Session.run(global.values) { session in
            let hits = try session.store.search(words.joined(separator: " "), limit: try Parse.limit(limit), by: session.actor)
            if json { return Output.jsonList(hits) }
            if hits.isEmpty { return Output.line("Nothing found.") }
            for hit in hits {
                let when = hit.at.map { " " + Moment.format($0, in: session.store.timeZone) } ?? ""
                Output.line("\(hit.reference)  \(SafeText.inline(hit.child ?? "(anonymous)"))  [\(hit.source.rawValue)\(when)]")
                if let snippet = hit.snippet {
                    Output.line("    " + SafeText.inline(snippet))
                } else {
                    Output.line("    outside your caseload: caseload case show \(hit.reference) --reason TEXT opens it, then its text shows here")
                }
            }
        }
    }
}
