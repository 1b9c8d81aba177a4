/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS (responsive and
/// printable), plots inlined as SVG, no scripts and nothing fetched from the network. The output is
/// well-formed XML (XHTML syntax), so it can be checked with any XML parser.
public enum HTMLRenderer {
    /// The page of `document`. `svg` returns the inline SVG of a figure (see ``SVGInliner``), or
    /// `nil` when the plot was not rendered, in which case the page says how to render it.
    public static func render(_ document: ReportDocument, svg: (ReportFigure) -> String?) -> String {
        var headingIDs = Set<String>()
        var body: [String] = ["<h1>\(escape(document.title))</h1>"]
        for block in document.blocks {
            body.append(render(block, svg: svg, headingIDs: &headingIDs))
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(document.title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    static func render(_ block: ReportBlock, svg: (ReportFigure) -> String?, headingIDs: inout Set<String>) -> String {
        switch block {
        case let .heading(level, text):
            let tag = "h\(max(2, min(6, level)))"
            var id = slug(text)
            var suffix = 2
            while headingIDs.contains(id) { id = "\(slug(text))-\(suffix)"; suffix += 1 }
            headingIDs.insert(id)
            return "<\(tag) id=\"\(id)\">\(escape(text))</\(tag)>"
        case let .paragraph(text):
            return "<p>\(render(text))</p>"
        case let .list(items):
            return "<ul>\n" + items.map { "<li>\(render($0))</li>" }.joined(separator: "\n") + "\n</ul>"
        case let .table(table):
            return render(table)
        case let .figure(figure):
            let plot: String
            if let content = svg(figure) {
                plot = "<div class=\"plot\">\n\(content)\n</div>"
            } else {
                plot = "<p class=\"missing\">This plot was not rendered. Install gnuplot (<code>apt-get install gnuplot-nox</code>) "
                    + "and run <code>gnuplot \(escape(figure.name)).gp</code> in the <code>plots</code> folder, "
                    + "or run <code>mfae-lab report --html</code> again.</p>"
            }
            return "<figure>\n\(plot)\n<figcaption>\(escape(figure.caption)) Plot source: "
                + "<a href=\"\(escape(figure.scriptPath))\">\(escape(figure.name)).gp</a>, data: "
                + "<a href=\"\(escape(figure.dataPath))\">\(escape(figure.name)).dat</a>.</figcaption>\n</figure>"
        case let .code(text, _):
            return "<pre><code>\(escape(text.trimmingTrailingNewlines()))</code></pre>"
        }
    }

    static func render(_ table: ReportTable) -> String {
        func cellClass(_ column: Int) -> String { table.alignments[column] == .right ? " class=\"num\"" : "" }
        var lines = ["<div class=\"table\"><table>", "<thead><tr>"
            + table.header.indices.map { "<th\(cellClass($0))>\(escape(table.header[$0]))</th>" }.joined()
            + "</tr></thead>", "<tbody>"]
        for row in table.rows {
            lines.append("<tr>" + row.indices.map { "<td\(cellClass($0))>\(render(row[$0]))</td>" }.joined() + "</tr>")
        }
        lines.append("</tbody></table></div>")
        return lines.joined(separator: "\n")
    }

    /// Inline HTML of `text`.
    static func render(_ text: RichText) -> String {
        text.spans.map { span in
            switch span {
            case let .text(value): return escape(value)
            case let .strong(value): return "<strong>\(escape(value))</strong>"
            case let .emphasis(value): return "<em>\(escape(value))</em>"
            case let .code(value): return "<code>\(escape(value))</code>"
            case let .link(value, _, target): return "<a href=\"\(escape(target))\">\(escape(value))</a>"
            }
        }.joined()
    }

    /// `text` with `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A heading's anchor: lowercase letters and digits, runs of anything else as one `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty && !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "section" : result
    }

    /// The page's CSS: readable measure, tables that scroll sideways on a phone, plots that scale,
    /// print rules that avoid splitting tables and figures.
    static let stylesheet = """
    body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #1b1b1b; background: #ffffff; margin: 0; }
    main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
    h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.6rem 0 1rem; }
    h2 { font-size: 1.35rem; margin-top: 2.4rem; padding-bottom: 0.2rem; border-bottom: 1px solid #d8d8d8; }
    h3 { font-size: 1.1rem; margin-top: 1.6rem; }
    a { color: #0b5cad; }
    code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
    code { background: #f3f3f3; padding: 0.05em 0.3em; border-radius: 3px; }
    pre { background: #f6f6f6; padding: 0.8rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
    pre code { background: none; padding: 0; }
    .table { overflow-x: auto; margin: 0.8rem 0 1.2rem; }
    table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.3rem 0.65rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; text-align: left; }
    th { background: #f4f4f4; font-weight: 600; }
    .num { text-align: right; white-space: nowrap; }
    figure { margin: 1.4rem 0; }
    .plot svg { display: block; width: 100%; height: auto; max-width: 54rem; }
    figcaption { font-size: 0.88rem; color: #555555; margin-top: 0.3rem; }
    .missing { border-left: 4px solid #d55e00; padding: 0.4rem 0.8rem; background: #fff6ef; }
    @media (max-width: 40rem) {
      body { font-size: 15px; }
      main { padding: 0.6rem 0.7rem 2rem; }
      th, td { padding: 0.25rem 0.4rem; }
    }
    @media print {
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h2, h3 { break-after: avoid; }
      figure, tr { break-inside: avoid; }
      .table { overflow: visible; }
    }
    """
}
