/// A run of inline text: plain, strong, emphasised, code or a link. Markdown and HTML renderers
/// each escape it for their format, so report code never writes markup by hand.
public struct RichText: Sendable, Equatable, ExpressibleByStringLiteral {
    /// One inline piece.
    public enum Span: Sendable, Equatable {
        /// Plain text.
        case text(String)
        /// Strong emphasis.
        case strong(String)
        /// Emphasis.
        case emphasis(String)
        /// Code: identifiers, keys, commands.
        case code(String)
        /// A link whose target differs between the Markdown and the HTML edition of a report.
        case link(String, markdownTarget: String, htmlTarget: String)
    }

    /// The pieces, in order.
    public var spans: [Span]

    /// Text from pieces.
    public init(_ spans: [Span]) { self.spans = spans }

    /// Plain text.
    public init(stringLiteral value: String) { spans = [.text(value)] }

    /// Plain text.
    public static func text(_ value: String) -> RichText { RichText([.text(value)]) }
    /// Strong text.
    public static func strong(_ value: String) -> RichText { RichText([.strong(value)]) }
    /// Emphasised text.
    public static func emphasis(_ value: String) -> RichText { RichText([.emphasis(value)]) }
    /// Code.
    public static func code(_ value: String) -> RichText { RichText([.code(value)]) }
    /// A link.
    public static func link(_ value: String, markdown: String, html: String) -> RichText {
        RichText([.link(value, markdownTarget: markdown, htmlTarget: html)])
    }

    /// The concatenation of two texts.
    public static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(lhs.spans + rhs.spans) }
}

extension Array where Element == RichText {
    /// The texts joined by `separator`.
    func joined(separator: RichText) -> RichText {
        var result = RichText([])
        for (index, text) in enumerated() {
            if index > 0 { result = result + separator }
            result = result + text
        }
        return result
    }
}
