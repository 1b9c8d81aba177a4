import Foundation

/// Prepares a gnuplot SVG file for inlining in an HTML page: drops the XML prolog, any DOCTYPE and
/// comments, and prefixes every `id` and every reference to one (`url(#…)`, `href="#…"`), so that
/// several plots on one page do not share ids (gnuplot names its markers and clip paths the same in
/// every file).
public enum SVGInliner {
    /// The `<svg>` element of `svg` with its ids prefixed by `prefix` and a `-`; `nil` when the text
    /// holds no `<svg` element.
    public static func inline(_ svg: String, idPrefix prefix: String) -> String? {
        guard let start = svg.range(of: "<svg") else { return nil }
        var text = String(svg[start.lowerBound...])
        text = removing(text, from: "<!--", to: "-->")
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let idPrefix = prefix + "-"
        for quote in ["\"", "'"] {
            text = text.replacingOccurrences(of: " id=\(quote)", with: " id=\(quote)\(idPrefix)")
            text = text.replacingOccurrences(of: "href=\(quote)#", with: "href=\(quote)#\(idPrefix)")
        }
        text = text.replacingOccurrences(of: "url(#", with: "url(#\(idPrefix)")
        return text
    }

    /// `text` without the spans that start with `open` and end with `close`.
    private static func removing(_ text: String, from open: String, to close: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: close) else { return result }
            rest = rest[end.upperBound...]
        }
        result += rest
        return result
    }
}
