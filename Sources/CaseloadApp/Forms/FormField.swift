import CaseloadCore
import Foundation
import TerminalUI

/// One option of a picker: the id kept in the store, the label people read.
public struct Choice: Equatable, Sendable {
    public let id: String
    public let label: String
    /// What typing filters on: the id and the label unless told otherwise
    /// (a worker is found by name and login, not by their caseload figures).
    let words: String

    public init(_ id: String, _ label: String, matching: String? = nil) {
        self.id = id
        self.label = label
        self.words = Self.folded(matching ?? id + " " + label)
    }

    /// Typing "thao" finds "Thảo" and "zoe" finds "Zoë": names are typed
    /// on keyboards without their accents.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}

/// A field of a form. Every field keeps what was typed as text, so a draft
/// is a plain map of field id to text and restores exactly.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case line
        case note(rows: Int)
        case number
        /// A day typed as dd/mm/yyyy, today, +2w, fri ...
        case date
        /// A time of day, HH:MM.
        case time
        case check
        /// Pick one; typing filters the options.
        case choice([Choice])
        /// Pick any number; Space ticks the highlighted option.
        case choices([Choice])
    }

    /// The field is shown only while another field has one of these values.
    public struct Condition: Equatable, Sendable {
        public let field: String
        public let values: Set<String>
    }

    public let id: String
    public let label: String
    public let kind: Kind
    public var text: TextArea
    public var checked = false
    public var picked: [String] = []
    /// The highlighted option among those the filter leaves; -1 for none yet.
    public var highlight = -1
    /// The one-line value is still what the form put there (now, today, the
    /// original's time): the first character typed replaces it, while an
    /// arrow, Home, End or Backspace first lets it be edited instead.
    public var untouched = false
    public var help: String?
    public var shownWhen: Condition?
    /// A date field about the past: "fri" or "12/03" mean the last one.
    public var pastDates = false
    /// A date field that looks ahead after all while another field holds one
    /// of these values (a key event such as a review meeting yet to happen).
    public var futureWhen: Condition?

    public init(_ id: String, _ label: String, _ kind: Kind, text: String = "", help: String? = nil,
                shownWhen: Condition? = nil, pastDates: Bool = false) {
        self.pastDates = pastDates
        self.id = id
        self.label = label
        self.kind = kind
        if case .note = kind {
            self.text = TextArea(text, multiline: true)
        } else {
            self.text = TextArea(text)
        }
        self.untouched = !text.isEmpty && takesOneLine
        self.help = help
        self.shownWhen = shownWhen
    }

    /// The same field, its dates looking ahead while `field` holds one of `values`.
    func lookingAhead(when field: String, is values: [String]) -> FormField {
        var copy = self
        copy.futureWhen = Condition(field: field, values: Set(values))
        return copy
    }

    public var options: [Choice] {
        switch kind {
        case .choice(let options), .choices(let options): return options
        default: return []
        }
    }

    public var isPicker: Bool { !options.isEmpty }

    /// Typed text is the field's value (not a picker's filter or a tick box).
    public var takesText: Bool {
        switch kind {
        case .line, .note, .number, .date, .time: return true
        case .check, .choice, .choices: return false
        }
    }
    public var isMultiple: Bool { if case .choices = kind { return true } else { return false } }

    /// A one-line text field, whose pre-filled value typing replaces.
    var takesOneLine: Bool {
        switch kind {
        case .line, .number, .date, .time: return true
        default: return false
        }
    }


    /// "When" (a day, today unless changed) and "At" (the time, now unless
    /// changed): when something that has happened happened.
    static func when(_ context: FormContext, shownWhen: Condition? = nil) -> [FormField] {
        [FormField("when", "When", .date, text: "today", help: DatePhrase.help, shownWhen: shownWhen, pastDates: true),
         FormField("at", "At (HH:MM)", .time, text: String(Moment.format(context.now, in: context.timeZone).suffix(5)),
                   shownWhen: shownWhen)]
    }

    /// The options left by what has been typed: those holding every word
    /// typed, in any order, any case and with or without accents ("draft
    /// plan" finds "draft EHC plan").
    public var filtered: [Choice] {
        let terms = Choice.folded(text.text).split(separator: " ")
        guard !terms.isEmpty else { return options }
        return options.filter { option in terms.allSatisfy { option.words.contains($0) } }
    }

    /// The field's value as a draft keeps it and validation reads it.
    public var value: String {
        switch kind {
        case .check: return checked ? "yes" : ""
        case .choice, .choices: return picked.joined(separator: ",")
        default: return text.text
        }
    }

    mutating func restore(_ value: String, prefilled: Bool = false) {
        untouched = prefilled && !value.isEmpty && takesOneLine
        switch kind {
        case .check: checked = value == "yes"
        case .choice, .choices:
            let ids = Set(options.map(\.id))
            picked = value.split(separator: ",").map(String.init).filter(ids.contains)
        default: text.replace(with: value)
        }
    }
}

extension FormField {
    mutating func handle(_ key: Key, inputWidth: Int) -> TextArea.Outcome {
        switch kind {
        case .check:
            guard key == .character(" ") || key == .character("x") else { return .ignored }
            checked.toggle()
            return .changed
        case .choice, .choices:
            return handlePicker(key, inputWidth: inputWidth)
        case .number, .time:
            if case .character(let c) = key, !(c.isNumber || c == ":") { return .moved }
            return typeOver(key, inputWidth: inputWidth)
        default:
            return typeOver(key, inputWidth: inputWidth)
        }
    }

    /// Typing into an untouched pre-filled value starts it afresh.
    mutating func typeOver(_ key: Key, inputWidth: Int) -> TextArea.Outcome {
        if untouched {
            untouched = false
            if case .character = key { text.replace(with: "") }
        }
        return text.handle(key, width: inputWidth)
    }

    /// Arriving at a picker, the highlight starts on what is chosen, so
    /// ↑ and ↓ move from there rather than from the top.
    mutating func highlightPicked() {
        highlight = picked.first.flatMap { id in filtered.firstIndex { $0.id == id } } ?? -1
    }

    private mutating func handlePicker(_ key: Key, inputWidth: Int) -> TextArea.Outcome {
        let shown = filtered
        switch key {
        case .backspace where text.isEmpty && !picked.isEmpty && !isMultiple:
            // An optional choice can be taken back.
            picked = []
            highlight = -1
            return .changed
        case .up where highlight > 0:
            highlight -= 1
            return pickHighlighted()
        case .down where highlight + 1 < shown.count:
            highlight += 1
            return pickHighlighted()
        case .enter where !isMultiple && !shown.isEmpty && highlight >= 0:
            return pickHighlighted() == .changed ? .changed : .ignored
        case .character(" ") where !isMultiple && text.isEmpty:
            highlight = max(0, highlight)
            return pickHighlighted()
        case .up, .down, .enter:
            return .ignored
        case .character(" ") where isMultiple:
            guard let option = shown[safe: max(0, highlight)] else { return .moved }
            if let index = picked.firstIndex(of: option.id) { picked.remove(at: index) } else { picked.append(option.id) }
            return .changed
        default:
            let outcome = text.handle(key, width: inputWidth)
            guard outcome == .changed else { return outcome }
            // Typing narrows the list and highlights the first match; only
            // Enter, an arrow or Space chooses.
            highlight = filtered.isEmpty ? -1 : 0
            return .changed
        }
    }

    private mutating func pickHighlighted() -> TextArea.Outcome {
        guard !isMultiple, let option = filtered[safe: highlight] else { return .moved }
        if picked == [option.id] { return .moved }
        picked = [option.id]
        return .changed
    }
}
