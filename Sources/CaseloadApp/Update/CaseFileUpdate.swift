import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

extension AppState {
    /// The case file on screen.
    public struct CaseFile: Sendable {
        public var detail: CaseDetail
        /// The selected timeline entry.
        public var selected = 0
        /// The first line shown.
        public var scroll = 0
        public var expanded: Set<String> = []
        /// The id of the selected key date (always an open one); while set,
        /// the timeline's selection is set aside.
        public var keyDate: String?
        /// The lines last laid out and what for, so a keypress lays the file
        /// out once (for scrolling) and the view draws those same lines.
        var laidOut: LaidOut?

        struct LaidOut: Sendable {
            let width: Int
            let expanded: Set<String>
            let colour: Bool
            let today: Day
            let lines: [CaseFileLayout.Line]
        }

        public init(detail: CaseDetail) {
            self.detail = detail
        }

        func lines(width: Int, colour: Bool, today: Day) -> [CaseFileLayout.Line]? {
            guard let laidOut, laidOut.width == width, laidOut.expanded == expanded, laidOut.colour == colour,
                  laidOut.today == today else { return nil }
            return laidOut.lines
        }

        /// The selected timeline entry, when it is a contact (which can be corrected).
        var selectedContact: CaseDetail.TimelineEntry? {
            guard keyDate == nil, let entry = detail.timeline[safe: selected], entry.kind == .contact else { return nil }
            return entry
        }

        /// The selected key date, when one is selected and still open.
        var selectedKeyDate: CaseDetail.KeyDate? {
            guard let keyDate else { return nil }
            return detail.keyDates.first { $0.id == keyDate && $0.status == .open }
        }

        /// The indexes of the open key dates, which can be selected.
        var openKeyDates: [Int] {
            detail.keyDates.indices.filter { detail.keyDates[$0].status == .open }
        }
    }
}

/// The case file: reading it, moving through its timeline, expanding an
/// entry. Drawn by `Views/CaseFileView.swift`; what can be done to the case
/// is in `CaseActions.swift`.
extension Update {
    func caseLoaded(_ detail: CaseDetail, refresh: Bool, _ state: inout AppState) -> [Effect] {
        if refresh, var file = state.caseFile, file.detail.id == detail.id {
            file.detail = detail
            file.laidOut = nil
            file.selected = min(file.selected, max(0, detail.timeline.count - 1))
            // A key date settled since is no longer there to select.
            if file.selectedKeyDate == nil { file.keyDate = nil }
            state.caseFile = file
        } else {
            var file = AppState.CaseFile(detail: detail)
            // Opened from a search hit in a note: that contact is selected.
            if let hit = state.search?.selectedHit, hit.reference == detail.reference, let id = hit.contactId,
               let index = detail.timeline.firstIndex(where: { $0.id == id }) {
                file.selected = index
            }
            if state.place == .caseFile {
                state.places[state.places.count - 1] = .caseFile(file)
            } else {
                state.places.append(.caseFile(file))
            }
            showTheTimeline(&state)
        }
        keepCaseSelectionVisible(&state)
        return []
    }

    /// Reads the open case file again (quietly: a refresh is not a new read).
    func reloadCaseFile(_ state: AppState) -> [Effect] {
        guard let file = state.caseFile else { return [] }
        return [.store(.openCase(reference: file.detail.reference, reason: nil, refresh: true))]
    }

    /// The contact selected on the open case file's timeline.
    func selectedContact(_ state: AppState) -> CaseDetail.TimelineEntry? {
        guard state.place == .caseFile else { return nil }
        return state.caseFile?.selectedContact
    }

    /// A case just opened shows its latest few timeline entries, scrolling
    /// the header up if it must, rather than one entry on the last line.
    private func showTheTimeline(_ state: inout AppState) {
        let lines = caseFileLines(&state)
        guard var file = state.caseFile, !file.detail.timeline.isEmpty else { return }
        let shown = min(3, file.detail.timeline.count) - 1
        guard let end = lines.lastIndex(where: { $0.entry == shown }),
              let first = lines.firstIndex(where: { $0.entry == 0 }) else { return }
        // Never past the timeline's heading.
        file.scroll = max(0, min(first - 1, end + 1 - state.caseFileHeight))
        state.caseFile = file
    }

    func moveInCaseFile(_ delta: Int, _ state: inout AppState) {
        let lines = caseFileLines(&state)
        guard var file = state.caseFile else { return }
        let count = file.detail.timeline.count
        if abs(delta) >= Int.max / 4 {
            // g and G (Home and End): the first or the last entry, as on every list.
            file.selected = delta < 0 ? 0 : max(0, count - 1)
            file.scroll = delta < 0 ? 0 : max(0, lines.count - state.caseFileHeight)
            state.caseFile = file
            keepCaseSelectionVisible(&state, lines: lines)
            return
        }
        let firstEntryLine = lines.firstIndex { $0.entry != nil } ?? lines.count
        let page = state.caseFileHeight
        if abs(delta) < page, stepThroughKeyDates(delta, &file) {
            state.caseFile = file
            keepCaseSelectionVisible(&state, lines: lines)
            return
        }
        if abs(delta) >= page { file.keyDate = nil }
        if abs(delta) >= page || count == 0 || (delta < 0 && file.scroll > 0 && file.scroll < firstEntryLine && file.selected == 0) {
            // Paging, or scrolling through the header above the timeline.
            file.scroll = clamp(file.scroll + delta, 0, max(0, lines.count - page))
            if count > 0 {
                // Select the first entry on screen, so Enter expands what you see.
                if let line = lines[file.scroll..<min(lines.count, file.scroll + page)].first(where: { $0.entry != nil }) {
                    file.selected = line.entry!
                } else if file.scroll + page <= firstEntryLine {
                    file.selected = 0
                }
            }
            state.caseFile = file
            return
        }
        if delta < 0, file.selected == 0 {
            file.scroll = max(0, file.scroll + delta)
        } else if delta > 0, file.selected == count - 1 {
            file.scroll = clamp(file.scroll + delta, 0, max(0, lines.count - page))
        } else {
            file.selected = clamp(file.selected + delta, 0, max(0, count - 1))
        }
        state.caseFile = file
        keepCaseSelectionVisible(&state, lines: lines)
    }

    /// A step up from the first timeline entry goes on to the open key
    /// dates, and a step down from the last of them back to the timeline.
    /// False when the step is not about key dates.
    private func stepThroughKeyDates(_ delta: Int, _ file: inout AppState.CaseFile) -> Bool {
        let open = file.openKeyDates
        let ids = open.map { file.detail.keyDates[$0].id }
        guard !open.isEmpty else { return false }
        if let current = file.keyDate, let position = ids.firstIndex(of: current) {
            if delta < 0 {
                if position > 0 {
                    file.keyDate = ids[position - 1]
                } else {
                    // Above the first: the header scrolls into view, the date stays selected.
                    file.scroll = max(0, file.scroll - 1)
                }
            } else if position + 1 < ids.count {
                file.keyDate = ids[position + 1]
            } else {
                file.keyDate = nil
                file.selected = 0
            }
            return true
        }
        guard delta < 0, file.selected == 0 else { return false }
        file.keyDate = ids.last
        return true
    }

    func keepCaseSelectionVisible(_ state: inout AppState, lines known: [CaseFileLayout.Line]? = nil) {
        guard state.caseFile != nil else { return }
        let lines = known ?? caseFileLines(&state)
        let page = state.caseFileHeight
        if var file = state.caseFile, let id = file.keyDate,
           let start = lines.firstIndex(where: { $0.keyDate.map { file.detail.keyDates[$0].id } == id }) {
            // The date's line and its source under it.
            if start < file.scroll { file.scroll = start }
            if start + 2 > file.scroll + page { file.scroll = start + 2 - page }
            file.scroll = clamp(file.scroll, 0, max(0, lines.count - page))
            state.caseFile = file
            return
        }
        guard var file = state.caseFile, !file.detail.timeline.isEmpty else { return }
        guard let start = lines.firstIndex(where: { $0.entry == file.selected }) else { return }
        let end = (lines.lastIndex { $0.entry == file.selected } ?? start) + 1
        if start < file.scroll { file.scroll = start }
        if end > file.scroll + page { file.scroll = min(start, end - page) }
        file.scroll = clamp(file.scroll, 0, max(0, lines.count - page))
        state.caseFile = file
    }

    func toggleEntry(_ state: inout AppState) {
        guard var file = state.caseFile, file.detail.timeline.indices.contains(file.selected) else { return }
        let id = file.detail.timeline[file.selected].id
        if file.expanded.contains(id) { file.expanded.remove(id) } else { file.expanded.insert(id) }
        state.caseFile = file
        keepCaseSelectionVisible(&state)
    }

    /// The open case file's lines, laid out once per change and kept.
    private func caseFileLines(_ state: inout AppState) -> [CaseFileLayout.Line] {
        guard var file = state.caseFile else { return [] }
        if let lines = file.lines(width: state.width, colour: state.colour, today: state.today) { return lines }
        let lines = layout(state).lines(file.detail, width: state.width, expanded: file.expanded)
        file.laidOut = .init(width: state.width, expanded: file.expanded, colour: state.colour, today: state.today, lines: lines)
        state.caseFile = file
        return lines
    }

    func layout(_ state: AppState) -> CaseFileLayout {
        CaseFileLayout(vocabulary: vocabulary, theme: Theme(colour: state.colour), today: state.today, timeZone: state.timeZone)
    }
}
