import CaseloadCore
import TerminalUI

/// Plain-text columns that stay aligned whatever the script of the names:
/// widths are display columns, and long cells are cut at a character
/// boundary with an ellipsis.
struct Table {
    struct Column {
        let title: String
        let maxWidth: Int
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [(String, Int)]) {
        self.columns = columns.map { Column(title: $0.0, maxWidth: $0.1) }
    }

    mutating func add(_ cells: [String?]) {
        rows.append(cells.map { SafeText.inline($0 ?? "") })
    }

    func render() -> String {
        let widths = columns.enumerated().map { index, column in
            min(column.maxWidth, rows.reduce(DisplayWidth.of(column.title)) { max($0, DisplayWidth.of($1[index])) })
        }
        func format(_ cells: [String]) -> String {
            zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([format(columns.map(\.title))] + rows.map(format)).joined(separator: "\n")
    }
}
