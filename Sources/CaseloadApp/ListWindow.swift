import CaseloadCore
import CaseloadStore

/// The part of a long list that is loaded: a few pages around the selection.
/// Positions are absolute (0 is the first case of the whole list).
public struct ListWindow: Equatable, Sendable {
    public var rows: [CaseRow] = []
    public var cursors: [CaseCursor] = []
    /// The absolute position of rows[0].
    public var first = 0
    /// How many cases the whole list holds.
    public var total = 0
    public var selected = 0
    /// The first visible row.
    public var top = 0
    /// The limit the rows were read with (nil until a list is loaded).
    public var filter: CaseFilter?

    /// Loaded rows beyond this many are dropped from the far end.
    static let capacity = 600

    public init() {}

    public var loaded: Range<Int> { first..<(first + rows.count) }

    public func row(at position: Int) -> CaseRow? {
        loaded.contains(position) ? rows[position - first] : nil
    }

    public var selectedRow: CaseRow? { row(at: selected) }

    /// Keeps the selection on screen in a list area `height` rows tall.
    mutating func scroll(height: Int) {
        guard height > 0 else { return }
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, total - height)))
    }

    /// Takes a loaded page in, keeping at most `capacity` rows around the selection.
    mutating func merge(_ page: CasePage, for request: PageRequest, total newTotal: Int?, start: Int? = nil) {
        if let newTotal { total = newTotal }
        switch request {
        case .first:
            rows = page.rows
            cursors = page.cursors
            first = 0
        case .last:
            rows = page.rows
            cursors = page.cursors
            first = max(0, total - page.rows.count)
        case .from:
            rows = page.rows
            cursors = page.cursors
            if let start { first = start }
        case .after:
            // Nothing more where the count said there would be: cases left
            // the list since it was counted.
            if page.rows.isEmpty { total = first + rows.count }
            rows += page.rows
            cursors += page.cursors
            if rows.count > Self.capacity {
                let drop = rows.count - Self.capacity
                rows.removeFirst(drop)
                cursors.removeFirst(drop)
                first += drop
            }
        case .before:
            if page.rows.isEmpty, first > 0 {
                total -= first
                selected -= first
                top = max(0, top - first)
                first = 0
            }
            rows = page.rows + rows
            cursors = page.cursors + cursors
            first -= page.rows.count
            if first < 0 { first = 0 }
            if rows.count > Self.capacity {
                rows.removeLast(rows.count - Self.capacity)
                cursors.removeLast(cursors.count - Self.capacity)
            }
        }
        selected = max(0, min(selected, total - 1))
    }
}
