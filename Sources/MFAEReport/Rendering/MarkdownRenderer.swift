import Foundation

/// Renders a ``ReportDocument`` as GitHub-flavoured Markdown: one blank line between blocks,
/// pipe tables, figures as images linked to their gnuplot script and data, `\n` line endings.
public enum MarkdownRenderer {
    /// The Markdown text of `document`, ending with one newline.
    /// Figures for which `isRendered` is false say how to render them instead of linking their SVG.
    public static func render(_ document: ReportDocument, isRendered: (ReportFigure) -> Bool = { _ in true }) -> String {
        var parts = ["# \(escape(document.title))"]
        for block in document.blocks { parts.append(render(block, isRendered: isRendered)) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock, isRendered: (ReportFigure) -> Bool = { _ in true }) -> String {
        switch block {
        case let .heading(level, text):
            return String(repeating: "#", count: max(1, min(6, level))) + " " + escape(text)
        case let .paragraph(text):
            return render(text)
        case let .list(items):
            return items.map { "- " + render($0) }.joined(separator: "\n")
        case let .table(table):
            return render(table)
        case let .figure(figure) where !isRendered(figure):
            return "*\(escape(figure.caption))* Not rendered: gnuplot was not run or failed. Render it with "
                + "`cd \(ReportFigure.folder) && gnuplot \(figure.name).gp` (install gnuplot with `apt-get install gnuplot-nox`), "
                + "or run `mfae-lab report` again where gnuplot is installed. Plot source: [\(figure.name).gp](\(figure.scriptPath)), "
                + "data: [\(figure.name).dat](\(figure.dataPath))."
        case let .figure(figure):
            return "![\(escape(figure.caption))](\(figure.svgPath))\n\n"
                + "*\(escape(figure.caption))* Plot source: [\(figure.name).gp](\(figure.scriptPath)), "
                + "data: [\(figure.name).dat](\(figure.dataPath))."
        case let .code(text, language):
            let fence = text.contains("```") ? "~~~~" : "```"
            return fence + language + "\n" + text.trimmingTrailingNewlines() + "\n" + fence
        }
    }

    static func render(_ table: ReportTable) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let rule = table.alignments.map { $0 == .right ? "---:" : "---" }
        var lines = [line(table.header.map(escape)), line(rule)]
        for row in table.rows { lines.append(line(row.map(render))) }
        return lines.joined(separator: "\n")
    }

    /// Inline Markdown of `text`.
    static func render(_ text: RichText) -> String {
        text.spans.map { span in
            switch span {
            case let .text(value): return escape(value)
            case let .strong(value): return "**\(escape(value))**"
            case let .emphasis(value): return "*\(escape(value))*"
            case let .code(value): return codeSpan(value)
            case let .link(value, target, _): return "[\(escape(value))](\(target))"
            }
        }.joined()
    }

    /// `text` with the characters that would start Markdown markup backslash-escaped, and line
    /// breaks turned into spaces (a table cell is one line). Only what could be read as markup is
    /// escaped, so the Markdown stays readable as text: `*`, `` ` ``, `\\` and `|` always; `_` at a
    /// word boundary (GitHub ignores it inside words, as in `mask_fraction`); `<` before what could
    /// start a tag; `]` before `(`, `[` or `:` (a link); `#` and `>` at the start.
    static func escape(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let needsEscape: Bool
            switch character {
            case "\\", "`", "*", "|": needsEscape = true
            case "_": needsEscape = !(previous?.isLetter == true || previous?.isNumber == true)
                || !(next?.isLetter == true || next?.isNumber == true)
            case "<": needsEscape = next.map { $0.isLetter || $0 == "/" || $0 == "!" || $0 == "?" } ?? false
            case "]": needsEscape = next == "(" || next == "[" || next == ":"
            case "#", ">": needsEscape = index == 0
            default: needsEscape = false
            }
            if character == "\n" || character == "\r" {
                result += " "
            } else {
                if needsEscape { result += "\\" }
                result.append(character)
            }
        }
        return result
    }

    /// A code span, with a double backtick fence when the code holds a backtick; pipes escaped for
    /// tables.
    static func codeSpan(_ code: String) -> String {
        let body = code.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        return body.contains("`") ? "`` \(body) ``" : "`\(body)`"
    }
}

extension String {
    /// The string without trailing newlines.
    func trimmingTrailingNewlines() -> String {
        var result = self
        while result.hasSuffix("\n") || result.hasSuffix("\r") { result.removeLast() }
        return result
    }
}
