import CaseloadApp
import CaseloadCore
import CaseloadStore
import Foundation

/// Prints a case file for reading at a terminal: the same layout as the
/// full-screen case file, with every timeline entry in full.
struct CaseDetailPrinter {
    let store: Store

    func print(_ detail: CaseDetail) throws {
        let layout = CaseFileLayout(vocabulary: try store.vocabulary, theme: Theme(colour: false), today: store.today,
                                    timeZone: store.timeZone)
        for line in layout.lines(detail, width: nil, expanded: nil) {
            Output.line(line.text.plain.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
    }
}
