import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Draws the whole state into a fresh frame: the title bar, the current
/// place, the status line and the bottom line (hints, a message or a prompt).
public struct Screen {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    public func render(_ state: AppState) -> ScreenBuffer { frame(state).buffer }

    /// The frame and where the terminal cursor goes in it (into the prompt
    /// or the form field being typed in), drawn in one pass.
    public func frame(_ state: AppState) -> (buffer: ScreenBuffer, cursor: (x: Int, y: Int)?) {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        let theme = Theme(colour: state.colour)
        if state.isTooSmall {
            drawTooSmall(state, &buffer)
            return (buffer, nil)
        }
        drawTitle(state, theme, &buffer)
        // Below the title bar, above the status line and the bottom line.
        let body = Area(x: 0, y: 1, width: state.width, height: state.height - 3)
        if let form = state.form {
            let cursor = FormView(form: form, today: state.today, theme: theme, area: body).draw(into: &buffer)
            drawFormLines(state, form, theme, &buffer)
            return (buffer, form.confirmingDiscard ? nil : cursor)
        }
        switch state.places.last ?? .caseload {
        case .caseload:
            CaseloadView(list: state.list, query: state.query, tagged: state.tagged, today: state.today,
                         timeZone: state.timeZone, theme: theme, area: body).draw(into: &buffer)
        case .caseFile(let file):
            let lines = file.lines(width: state.width, colour: state.colour, today: state.today)
                ?? CaseFileLayout(vocabulary: vocabulary, theme: theme, today: state.today, timeZone: state.timeZone)
                    .lines(file.detail, width: state.width, expanded: file.expanded)
            CaseFileView(file: file, lines: lines, theme: theme, area: body).draw(into: &buffer)
        case .searchResults(let search):
            SearchView(search: search, timeZone: state.timeZone, theme: theme, area: body).draw(into: &buffer)
        case .team(let team):
            TeamView(team: team, today: state.today, theme: theme, area: body).draw(into: &buffer)
        case .help(let help):
            HelpView(help: help, supervisor: state.user.isSupervisor, theme: theme, area: body).draw(into: &buffer)
        case .referrals(let referrals):
            ReferralsView(referrals: referrals, timeZone: state.timeZone, theme: theme, area: body).draw(into: &buffer)
        case .attention(let attention):
            AttentionView(attention: attention, timeZone: state.timeZone, theme: theme, area: body).draw(into: &buffer)
        case .leaving(let plan):
            LeavingView(plan: plan, theme: theme, area: body).draw(into: &buffer)
        }
        drawStatus(state, theme, &buffer)
        drawBottom(state, theme, &buffer)
        return (buffer, promptCursor(state))
    }

    public func cursor(_ state: AppState) -> (x: Int, y: Int)? { frame(state).cursor }

    private func promptCursor(_ state: AppState) -> (x: Int, y: Int)? {
        guard let prompt = state.prompt else { return nil }
        let before = String(prompt.editor.text.prefix(prompt.editor.cursor))
        return (min(state.width - 1, DisplayWidth.of(prompt.label) + DisplayWidth.of(before)), state.height - 1)
    }

    private func drawTooSmall(_ state: AppState, _ buffer: inout ScreenBuffer) {
        let lines = ["Please enlarge the window:", "Caseload needs at least \(AppState.minimumWidth)×\(AppState.minimumHeight)",
                     "(it is \(state.width)×\(state.height) now).", "q quits."]
        let top = max(0, state.height / 2 - lines.count / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + index, style: .bold)
        }
    }

    private func drawTitle(_ state: AppState, _ theme: Theme, _ buffer: inout ScreenBuffer) {
        buffer.fill(x: 0, y: 0, width: state.width, height: 1, style: theme.title)
        let right = "\(SafeText.inline(state.user.name)) (\(state.user.isSupervisor ? "supervisor" : "caseworker")) "
        let rightWidth = DisplayWidth.of(right)
        buffer.put(" Caseload · " + SafeText.inline(state.service), x: 0, y: 0, style: theme.title,
                   maxWidth: max(0, state.width - rightWidth - 1))
        buffer.put(right, x: max(0, state.width - rightWidth), y: 0, style: theme.title)
    }

    private func drawStatus(_ state: AppState, _ theme: Theme, _ buffer: inout ScreenBuffer) {
        let y = state.height - 2
        // While a question is asked, the line above it carries what it needs
        // to say: a correction, or the safeguarding instruction.
        if let prompt = state.prompt {
            var notice: (String, Style)?
            if let message = state.message, state.messageIsError {
                notice = (message, theme.error)
            } else if case .atRisk = prompt.kind {
                notice = ("If yes: phone the children's front door now (999 in an emergency); it is recorded as safeguarding.",
                          theme.alarm)
            } else if case .meets(let offer, _) = prompt.kind {
                notice = (offer.question + ":", theme.title)
            }
            if let (text, base) = notice {
                var style = base
                style.reverse = true
                // Wrapped upwards from the status line, whole words.
                let lines = TextWrap.wrap(SafeText.inline(text), width: state.width - 1).suffix(max(1, state.height / 3))
                    .map { " " + $0 }
                for (offset, line) in lines.enumerated() {
                    buffer.fill(x: 0, y: y - lines.count + 1 + offset, width: state.width, height: 1, style: style)
                    buffer.put(line, x: 0, y: y - lines.count + 1 + offset, style: style)
                }
                return
            }
        }
        buffer.fill(x: 0, y: y, width: state.width, height: 1, style: theme.title)
        var parts: [String] = []
        switch state.places.last ?? .caseload {
        case .caseload:
            parts.append(state.scopeName)
            let total = state.list.total
            parts.append(total == 0 ? "no cases" : "\(state.list.selected + 1) of \(total)")
            parts.append("sort: \(state.query.sort.rawValue)")
            if !state.query.filter.isEmpty { parts.append("limit: " + SafeText.inline(state.query.filter.text) + " (Esc clears)") }
            if !state.tagged.isEmpty { parts.append("\(state.tagged.count) tagged") }
        case .caseFile(let file):
            parts.append(file.detail.reference)
            if let date = file.selectedKeyDate, let position = file.openKeyDates.firstIndex(where: { file.detail.keyDates[$0].id == date.id }) {
                parts.append("key date \(position + 1) of \(file.openKeyDates.count) open (d: met, missed ...)")
            } else {
                parts.append("entry \(min(file.selected + 1, file.detail.timeline.count)) of \(file.detail.timeline.count)")
            }
            if let search = state.search {
                parts.append("result \(search.selected + 1) of \(search.hits.count)\(search.more ? "+" : "") (n/N)")
            }
        case .searchResults(let search):
            parts.append("Search: " + SafeText.inline(search.text))
            parts.append(search.hits.isEmpty ? "nothing found"
                : "\(search.selected + 1) of " + (search.more ? "the first \(search.hits.count); more found, add a word" : "\(search.hits.count)"))
        case .team(let team):
            parts.append("Team: \(team.overview.members.count) workers")
            parts.append(Plural.count(team.overview.unallocated, "unallocated open case"))
        case .help:
            parts.append("Help")
        case .referrals(let referrals):
            parts.append("Referrals: \(referrals.status?.rawValue ?? "all")")
            parts.append(referrals.rows.isEmpty ? "none" : "\(referrals.selected + 1) of \(referrals.rows.count)")
        case .attention(let attention):
            parts.append("Needs my attention: \(attention.items.count)")
        case .leaving(let plan):
            parts.append("A worker is leaving: \(plan.leaver.login)")
            if !plan.receivers.isEmpty { parts.append("to " + plan.receivers.map(\.login).joined(separator: ", ")) }
        }
        let left = " " + parts.joined(separator: " · ")
        guard let sync = state.sync else {
            buffer.put(left, x: 0, y: y, style: theme.title)
            return
        }
        // The sync words keep the right-hand end whole; what is left of the
        // line is cut instead.
        let words = sync.words(now: state.now, timeZone: state.timeZone, plain: !state.colour) + " "
        let wordsWidth = min(state.width, DisplayWidth.of(words))
        buffer.put(DisplayWidth.truncate(left, to: max(0, state.width - wordsWidth - 1)), x: 0, y: y, style: theme.title)
        var style = theme.title
        style.bold = sync.needsNotice
        buffer.put(words, x: state.width - wordsWidth, y: y, style: style)
    }

    /// A form's status line (what is wrong, or being asked) and its keys.
    private func drawFormLines(_ state: AppState, _ form: Form, _ theme: Theme, _ buffer: inout ScreenBuffer) {
        let y = state.height - 2
        var status = (" " + SafeText.inline(form.title), theme.title)
        if form.confirmingDiscard {
            status = (" Throw away what you typed? (y/n) y throws it away, n goes back to the form.", theme.error)
        } else if form.saving {
            status = (" Saving ...", theme.title)
        } else if let problem = form.problem {
            status = (" " + SafeText.inline(problem), theme.error)
        } else if let restored = form.restoredFrom {
            status = (" Your unsaved draft from \(Moment.format(restored, in: state.timeZone)) is back; Esc then y throws it away.",
                      theme.title)
        }
        var style = status.1
        style.reverse = true
        // What is wrong wraps upwards over the form's last lines rather than being cut.
        let lines = TextWrap.wrap(String(status.0.dropFirst()), width: state.width - 1).suffix(max(1, state.height / 3))
            .map { " " + $0 }
        for (offset, line) in lines.enumerated() {
            buffer.fill(x: 0, y: y - lines.count + 1 + offset, width: state.width, height: 1, style: style)
            buffer.put(line, x: 0, y: y - lines.count + 1 + offset, style: style)
        }
        var hints = [("F2", "save"), ("Tab", "next"), ("Shift-Tab", "back"), ("Esc", "cancel")]
        if case .note = form.focused.kind { hints.append(("Ctrl-E", "your editor")) }
        if form.focused.isMultiple { hints.insert(("Space", "tick"), at: 0) }
        if case .check = form.focused.kind { hints.insert(("Space", "tick"), at: 0) }
        var x = 0
        for (key, name) in hints {
            guard x + DisplayWidth.of("\(key) \(name)  ") <= state.width else { break }
            buffer.put(key, x: x, y: state.height - 1, style: .bold)
            x = buffer.put(" \(name)  ", x: x + DisplayWidth.of(key), y: state.height - 1)
        }
    }

    private func drawBottom(_ state: AppState, _ theme: Theme, _ buffer: inout ScreenBuffer) {
        let y = state.height - 1
        if let prompt = state.prompt {
            let label = prompt.label
            let x = buffer.put(label, x: 0, y: y, style: .bold)
            // Show the end of a long line, so the cursor stays in view.
            let room = state.width - x - 1
            var text = prompt.editor.text
            while DisplayWidth.of(text) > room, !text.isEmpty { text.removeFirst() }
            buffer.put(SafeText.inline(text), x: x, y: y)
            return
        }
        if let message = state.message {
            // A long message wraps upwards over the status line (and the
            // list's last lines, until the next key), never cut mid-word.
            let lines = TextWrap.wrap(SafeText.inline(message), width: state.width).suffix(max(1, state.height / 3))
            let top = y - lines.count + 1
            buffer.fill(x: 0, y: top, width: state.width, height: lines.count, style: .normal)
            for (offset, line) in lines.enumerated() {
                buffer.put(line, x: 0, y: top + offset, style: state.messageIsError ? theme.error : .normal)
            }
            return
        }
        var x = 0
        var hints = commandTable.hints(in: state.place) { state.user.isSupervisor || !$0.needs.contains(.supervisor) }
        if state.places.count > 1 {
            // A caseload shown over the team view: q goes back to it.
            hints = hints.map { $0 == ("q", "quit") ? ("q", "back") : $0 }
        }
        for (key, name) in hints {
            let piece = "\(key) \(name)  "
            guard x + DisplayWidth.of(piece) <= state.width else { break }
            buffer.put(key, x: x, y: y, style: .bold)
            x = buffer.put(" \(name)  ", x: x + DisplayWidth.of(key), y: y)
        }
    }
}
