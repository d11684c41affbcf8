/// Text from the store is stored exactly as given, but it must never drive the
/// terminal: a family name pasted from an email can carry escape sequences.
/// These functions make text safe to print by replacing control characters
/// with visible placeholders.
public enum SafeText {
    /// For one-line output (list cells, messages): every control character,
    /// newlines included, becomes a visible placeholder.
    public static func inline(_ text: String) -> String {
        sanitise(text, keepNewlines: false)
    }

    /// For multi-line output (notes): newlines and tabs survive, every other
    /// control character becomes a visible placeholder.
    public static func block(_ text: String) -> String {
        sanitise(text, keepNewlines: true)
    }

    /// True when a scalar would be interpreted by a terminal rather than shown.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional overrides and isolates can disguise text (Trojan Source).
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The visible stand-in for a control character: caret notation for C0
    /// (ESC shows as ^[), U+FFFD for the rest.
    public static func placeholder(for scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: return "^" + String(Unicode.Scalar(UInt8(scalar.value) + 0x40))
        case 0x7F: return "^?"
        default: return "\u{FFFD}"
        }
    }

    private static func sanitise(_ text: String, keepNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepNewlines, scalar == "\n" || scalar == "\t" {
                out.append(scalar)
            } else if keepNewlines, scalar == "\r" {
                continue
            } else if isControl(scalar) {
                out.append(contentsOf: placeholder(for: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
