import TerminalUI

/// The few styles the front end uses, by meaning. Without colour (NO_COLOR,
/// or a terminal that has none) the same meanings are carried by attributes.
public struct Theme: Equatable, Sendable {
    public let colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public var title: Style { .reverse }
    public var heading: Style { Style(bold: true, underline: true) }
    public var strong: Style { .bold }
    public var quiet: Style { colour ? Style(foreground: .cyan) : .normal }
    public var selected: Style { .reverse }
    /// Overdue, safeguarding: red, or bold without colour.
    public var alarm: Style { colour ? Style(foreground: .red, bold: true) : Style(bold: true) }
    /// Due within a week: yellow, or underlined without colour.
    public var warning: Style { colour ? Style(foreground: .yellow) : Style(underline: true) }
    /// Where to type in a form: underlined on every terminal.
    public var input: Style { Style(underline: true) }
    public var error: Style { colour ? Style(foreground: .red, bold: true) : Style(bold: true) }
}
