import CaseloadCore
import Foundation
import TerminalUI

/// A form on screen: fields, the one with the focus, and what is wrong.
public struct Form: Equatable, Sendable {
    /// Labels on the left, what is typed to their right: the width a text
    /// field wraps at depends on it, so typing and drawing agree.
    static let labelWidth = 20
    static var inputX: Int { labelWidth + 2 }
    static func inputWidth(screenWidth: Int) -> Int { max(10, screenWidth - inputX - 1) }

    public let purpose: FormPurpose
    public var title: String
    /// Lines shown above the fields: what the form is for, what must happen first.
    public var intro: [String]
    public var introIsAlarm = false
    public var fields: [FormField]
    public var focus = 0
    /// Plain-words problems by field id, shown next to the field.
    public var errors: [String: String] = [:]
    /// Something was typed since the form opened.
    public var dirty = false
    /// Esc was pressed with something typed: asking before throwing it away.
    public var confirmingDiscard = false
    /// Sent to the store; waiting for the answer.
    public var saving = false
    /// What the store said when it refused to save, shown until the next key.
    public var problem: String?
    /// The draft this form was restored from, if any.
    public var restoredFrom: Date?
    /// A reassignment of cases with no worker: an allocation, and said so.
    public var allocating = false

    public init(_ purpose: FormPurpose, title: String, intro: [String] = [], fields: [FormField]) {
        self.purpose = purpose
        self.title = title
        self.intro = intro
        self.fields = fields
        if !fields.isEmpty { self.fields[0].highlightPicked() }
    }

    public subscript(id: String) -> FormField? {
        fields.first { $0.id == id }
    }

    public func value(_ id: String) -> String {
        self[id]?.value.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    public func isShown(_ field: FormField) -> Bool {
        field.shownWhen.map(holds) ?? true
    }

    private func holds(_ condition: FormField.Condition) -> Bool {
        let value = self.value(condition.field)
        return condition.values.contains(value) || (condition.values.contains("*") && !value.isEmpty)
    }

    /// Which way "fri" or "12/03" in a date field look: back for a field
    /// about the past, unless the form says this date lies ahead.
    public func dateDirection(_ field: FormField) -> DatePhrase.Direction {
        if let condition = field.futureWhen, holds(condition) { return .future }
        return field.pastDates ? .past : .future
    }

    /// Every field's value, for a draft.
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0.value) })
    }

    /// Field values by id (from a draft, or where a form starts from). A
    /// picker's value may instead be given by its options' labels, joined
    /// by ", ", under its id and "ByLabel" (how a contact saves who was there).
    /// `prefilled`: values the form starts from, which typing replaces (a
    /// draft's are what was typed, and are edited).
    public mutating func restore(_ values: [String: String], prefilled: Bool = false) {
        for index in fields.indices {
            let field = fields[index]
            if let value = values[field.id] {
                fields[index].restore(value, prefilled: prefilled)
            } else if let labels = values[field.id + "ByLabel"], field.isPicker {
                let ids = Dictionary(field.options.map { ($0.label, $0.id) }, uniquingKeysWith: { first, _ in first })
                fields[index].restore(labels.components(separatedBy: ", ").compactMap { ids[$0] }.joined(separator: ","))
            }
        }
        fields[focus].highlightPicked()
    }

    public var focused: FormField { fields[focus] }

    mutating func set(_ id: String, error: String) {
        errors[id] = error
    }

    /// Moves the focus to the first field with a problem.
    mutating func focusFirstError() {
        if let index = fields.indices.first(where: { errors[fields[$0].id] != nil && isShown(fields[$0]) }) {
            focus = index
        }
    }

    mutating func move(_ step: Int) {
        // A picker's filter is for finding an option; leaving it clears it,
        // saying so when what was typed chose nothing.
        if fields[focus].isPicker {
            let field = fields[focus]
            let typed = field.text.text.trimmingCharacters(in: .whitespaces)
            if !typed.isEmpty, field.filtered.isEmpty {
                errors[field.id] = "Nothing matches “\(typed)”, so nothing was chosen from it."
            } else if !typed.isEmpty, !field.isMultiple, !field.filtered.contains(where: { field.picked.contains($0.id) }) {
                errors[field.id] = "“\(typed)” chose nothing: type, then ↑ ↓ or Enter to choose."
            }
            fields[focus].text.replace(with: "")
        }
        var index = focus
        for _ in fields.indices {
            index = (index + step + fields.count) % fields.count
            if isShown(fields[index]) {
                focus = index
                fields[index].highlightPicked()
                return
            }
        }
    }
}

/// What a key did to a form.
public enum FormOutcome: Equatable, Sendable {
    case unchanged
    /// What was typed changed: keep the draft.
    case changed
    case save
    /// Closed with nothing typed.
    case cancel
    /// Closed, throwing away what was typed (and its draft).
    case discard
    /// Open the focused note in the user's own editor.
    case externalEdit(field: String)
}

extension Form {
    /// Handles one key; `inputWidth` is the width text fields are shown at.
    public mutating func handle(_ key: Key, inputWidth: Int) -> FormOutcome {
        if saving { return .unchanged }
        if confirmingDiscard {
            // Answered as every yes/no question is: y or n, Esc backs out.
            switch key {
            case .character("y"), .character("Y"): return .discard
            case .character("n"), .character("N"), .escape, .control("g"):
                confirmingDiscard = false
                return .unchanged
            default:
                return .unchanged
            }
        }
        switch key {
        case .escape, .control("g"):
            guard dirty else { return .cancel }
            confirmingDiscard = true
            return .unchanged
        case .function(2), .control("s"):
            return .save
        case .tab:
            move(1)
            return .unchanged
        case .backTab:
            move(-1)
            return .unchanged
        case .control("e"):
            if case .note = focused.kind { return .externalEdit(field: focused.id) }
            return .unchanged
        default:
            break
        }
        var field = fields[focus]
        let outcome = field.handle(key, inputWidth: inputWidth)
        fields[focus] = field
        switch outcome {
        case .changed:
            dirty = true
            errors[field.id] = nil
            // Enter on a picker chooses the highlighted option and goes on.
            if key == .enter, field.isPicker { move(1) }
            return .changed
        case .moved:
            return .unchanged
        case .ignored:
            switch key {
            case .enter, .down: move(1)
            case .up: move(-1)
            default: break
            }
            return .unchanged
        }
    }
}
