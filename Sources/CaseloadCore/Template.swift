/// Text with {slots} (a letter to a family, a demo note), split once so
/// filling it is plain concatenation. An unknown or unclosed brace is kept
/// as text.
public struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case slot(String)
    }

    let parts: [Part]

    public init(_ source: String) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                  rest[rest.index(after: open)..<close].allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }),
                  rest.index(after: open) < close else {
                parts.append(.text(String(rest[...open])))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.slot(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The slots the template uses, in order.
    public var slots: [String] {
        parts.compactMap { if case .slot(let name) = $0 { return name } else { return nil } }
    }

    /// Fills each slot with `value(name)`; nil leaves the slot as written.
    public func fill(_ value: (String) -> String?) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .slot(let name): out += value(name) ?? "{\(name)}"
            }
        }
        return out
    }

    public func fill(_ values: [String: String]) -> String { fill { values[$0] } }
}
