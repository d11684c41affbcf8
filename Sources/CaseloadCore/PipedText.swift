/// Text piped in on standard input (`--summary -`), checked before it is
/// kept: a note is never silently cut at a NUL byte or altered where its
/// bytes are not UTF-8, and a stream is never read further than the limit.
public enum PipedText {
    /// Turns the bytes read (at most `limit` + 1 of them, so a longer stream
    /// is known to be too long without reading it all) into text, or says
    /// what is wrong and where.
    public static func decode(_ bytes: [UInt8], limit: Int = TextLimits.note) throws -> String {
        guard bytes.count <= limit else {
            throw CaseloadError.invalid("standard input holds more than \(limit) bytes, the most a note can hold: "
                                        + "shorten it or split it across two contacts")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw CaseloadError.invalid("standard input has a NUL byte at byte \(nul + 1) (counting from 1); "
                                        + "a note is text: remove it, or save the note as text and pipe that in")
        }
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var text = ""
        text.reserveCapacity(bytes.count)
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.unicodeScalars.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                return text
            case .error:
                throw CaseloadError.invalid("standard input is not UTF-8 text at byte \(offset + 1) (counting from 1); "
                                            + "save the note as UTF-8 (most editors offer it) and pipe it in again")
            }
        }
    }
}
