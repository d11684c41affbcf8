/// Word wrapping by display width, for notes shown in a column.
public enum TextWrap {
    /// Lines of at most `width` columns: breaks at spaces where it can, inside
    /// a word only when the word alone is too long. Newlines in the text start
    /// new lines.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + wordWidth <= width {
                    if gap == 1 { line += " " }
                    line += word
                    lineWidth += gap + wordWidth
                    continue
                }
                if !line.isEmpty { result.append(line) }
                line = ""
                lineWidth = 0
                while wordWidth > width {
                    var piece = "", pieceWidth = 0
                    for character in word {
                        let w = DisplayWidth.of(character)
                        if pieceWidth + w > width { break }
                        piece.append(character)
                        pieceWidth += w
                    }
                    if piece.isEmpty { break }
                    result.append(piece)
                    word.removeFirst(piece.count)
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            result.append(line)
        }
        return result
    }
}
