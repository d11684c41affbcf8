/// How a cell is drawn. Colours are the eight basic terminal colours, so they
/// work on every terminal that has colour; `plain` renders the same meaning
/// with attributes only (for NO_COLOR and terminals without colour).
public struct Style: Hashable, Sendable {
    public enum Colour: Int, Sendable {
        case black = 0, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Colour?
    public var background: Colour?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(foreground: Colour? = nil, background: Colour? = nil, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let normal = Style()
    public static let bold = Style(bold: true)
    public static let reverse = Style(reverse: true)
    public static let dim = Style(dim: true)

    /// This style with another's laid over it: the other's colours where it
    /// has them, and the attributes of both.
    public func merged(_ other: Style) -> Style {
        Style(foreground: other.foreground ?? foreground, background: other.background ?? background,
              bold: bold || other.bold, reverse: reverse || other.reverse, underline: underline || other.underline,
              dim: dim || other.dim)
    }

    /// The same style with colours removed.
    public var withoutColour: Style {
        var copy = self
        copy.foreground = nil
        copy.background = nil
        return copy
    }
}
