/// A line of text made of styled spans, laid out before it is drawn.
public struct StyledLine: Equatable, Sendable {
    public struct Span: Equatable, Sendable {
        public var text: String
        public var style: Style

        public init(_ text: String, _ style: Style = .normal) {
            self.text = text
            self.style = style
        }
    }

    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }

    public init(_ text: String, _ style: Style = .normal) { spans = [Span(text, style)] }

    public var plain: String { spans.map(\.text).joined() }

    public static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine { StyledLine(lhs.spans + rhs.spans) }

    /// Draws the line at (x, y), clipped to `width` columns with an ellipsis
    /// when it does not fit.
    public func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, base: Style? = nil) {
        let fits = DisplayWidth.of(plain) <= width
        var column = x
        let end = x + width
        for span in spans {
            let style = base.map { $0.merged(span.style) } ?? span.style
            let room = end - column
            guard room > 0 else { break }
            let text = fits ? span.text : DisplayWidth.of(span.text) <= room - 1 ? span.text : DisplayWidth.truncate(span.text, to: room)
            column = buffer.put(text, x: column, y: y, style: style, maxWidth: room)
            if !fits, text != span.text { break }
        }
    }
}
