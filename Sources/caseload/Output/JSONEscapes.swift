import CaseloadCore
import Foundation

/// JSONEncoder escapes the C0 controls but writes DEL, the C1 controls
/// (U+009B is a terminal's CSI) and the bidirectional overrides as they
/// are; the text output shows them as placeholders (`SafeText`). Every JSON
/// document Caseload prints writes them as `\u` escapes instead, so nothing
/// from the store can drive a terminal whatever the output format, and a
/// program reading the JSON still gets the text exactly as stored.
enum JSONEscapes {
    /// True for a scalar JSONEncoder leaves raw that a terminal would act on.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x7F && SafeText.isControl(scalar)
    }

    /// Encoded JSON with those scalars escaped. Outside strings JSON holds
    /// only ASCII punctuation, digits, letters and whitespace below DEL, so
    /// every scalar changed here is inside a string.
    static func escaped(_ json: Data) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        guard text.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: escape(scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return Data(String(out).utf8)
    }

    /// `\u009b`: four lower-case hex digits, as JSONEncoder writes `\u001b`.
    static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
