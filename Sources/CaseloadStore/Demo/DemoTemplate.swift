/// A note sentence with slots ({child}, {parent}, {school}, {worker}, {date}),
/// split once so filling it is plain concatenation: the demo fills millions.
struct DemoTemplate {
    enum Slot: String, CaseIterable {
        case child, parent, school, worker, date
    }

    enum Part {
        case text(String)
        case slot(Slot)
    }

    let parts: [Part]

    init(_ source: String) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                  let slot = Slot(rawValue: String(rest[rest.index(after: open)..<close])) else {
                parts.append(.text(String(rest[...open])))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func fill(_ value: (Slot) -> String) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .slot(let slot): out += value(slot)
            }
        }
        return out
    }
}
