import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MFAEReport

/// gnuplot accepts every script and renders SVGs; the HTML pages are well-formed and self-contained;
/// escaping and SVG inlining.
@Suite struct RenderingTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses `text` as XML, throwing what the parser objects to.
    func parseXML(_ text: String) throws {
        _ = try XMLDocument(data: Data(text.utf8), options: [])
    }

    @Test(.enabled(if: Gnuplot.locate() != nil,
                   "gnuplot is not installed (apt-get install gnuplot-nox); CI installs it"))
    func gnuplotAcceptsEveryScriptAndTheHTMLIsWellFormed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = ReportOptions(writesHTML: true)
        var messages: [String] = []
        let summary = try ReportGenerator(source: ReportFixture.source, options: options).write(to: folder) { messages.append($0) }
        #expect(summary.failedPlots.isEmpty, "\(summary.failedPlots)")
        #expect(!summary.isGnuplotMissing)
        #expect(!messages.contains { $0.hasPrefix("gnuplot") }, "gnuplot printed warnings: \(messages)")
        let scripts = summary.files.filter { $0.hasSuffix(".gp") }
        #expect(scripts.count >= 6)
        #expect(summary.renderedPlots == scripts.count)
        for script in scripts {
            let svg = folder.appendingPathComponent(String(script.dropLast(3)) + ".svg")
            let text = try String(contentsOf: svg, encoding: .utf8)
            #expect(text.contains("<svg"), "\(svg.path) is not an SVG")
            try parseXML(text)
        }
        for page in ["index.html", "mask-sweep/index.html", "baselines-only/index.html"] {
            let html = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            try parseXML(html)
            try checkSelfContained(html, page: page)
        }
        let page = try String(contentsOf: folder.appendingPathComponent("mask-sweep/index.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "<svg").count - 1 == scripts.filter { $0.hasPrefix("mask-sweep/") }.count)
        #expect(!page.contains("<?xml"))
        #expect(page.contains("id=\"cost-gnuplot_canvas\""))
    }

    /// `REPORT_PREVIEW_DIR=/tmp/preview swift test --filter preview` writes the fixture's reports
    /// there, to look at.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_PREVIEW_DIR"] != nil))
    func preview() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["REPORT_PREVIEW_DIR"] ?? "")
        try ReportGenerator(source: ReportFixture.source, options: ReportOptions(writesHTML: true)).write(to: folder)
    }

    @Test func htmlIsWellFormedWithoutPlots() throws {
        let reports = try ReportGenerator(source: ReportFixture.source, options: ReportOptions(), gnuplot: nil).makeReports()
        for (folder, report) in reports {
            let html = report.html { _ in nil }
            try parseXML(html)
            try checkSelfContained(html, page: folder)
        }
    }

    /// No scripts, no stylesheets or images from elsewhere, no links off the page but relative ones.
    func checkSelfContained(_ html: String, page: String) throws {
        #expect(!html.lowercased().contains("<script"), "\(page) has a script")
        #expect(!html.contains("<link"), "\(page) loads a stylesheet")
        #expect(!html.contains("src="), "\(page) loads a resource")
        #expect(!html.contains("href=\"http") && !html.contains("href='http"), "\(page) links off the page")
        #expect(!html.contains("url(http"), "\(page) loads a resource from CSS")
        #expect(html.contains("<style>") && html.contains("@media print"))
    }

    @Test func markdownEscapesTextButNotCode() {
        let text = RichText.text("M*A*S*H | <b> [x](y) _z mask_fraction p < 0.05 [0.1, 0.2]") + " " + .code("a|b") + " " + .strong("k=10")
        #expect(MarkdownRenderer.render(text)
            == "M\\*A\\*S\\*H \\| \\<b> [x\\](y) \\_z mask_fraction p < 0.05 [0.1, 0.2] `a\\|b` **k=10**")
        #expect(MarkdownRenderer.escape("# not a heading") == "\\# not a heading")
        #expect(HTMLRenderer.render(text)
            == "M*A*S*H | &lt;b&gt; [x](y) _z mask_fraction p &lt; 0.05 [0.1, 0.2] <code>a|b</code> <strong>k=10</strong>")
    }

    @Test func svgIdsArePrefixedAndPrologDropped() throws {
        let svg = """
        <?xml version="1.0" encoding="utf-8"  standalone="no"?>
        <!-- a comment -->
        <svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
        <g id="gnuplot_canvas"><defs><circle id='gpDot' r='1'/><clipPath id="gpclip1"><rect width="1" height="1"/></clipPath></defs>
        <use xlink:href='#gpDot'/><g clip-path="url(#gpclip1)"/></g></svg>
        """
        let inlined = try #require(SVGInliner.inline(svg, idPrefix: "cost"))
        #expect(inlined.hasPrefix("<svg"))
        #expect(inlined.contains("id=\"cost-gnuplot_canvas\"") && inlined.contains("id='cost-gpDot'"))
        #expect(inlined.contains("xlink:href='#cost-gpDot'") && inlined.contains("url(#cost-gpclip1)"))
        try parseXML(inlined)
        #expect(SVGInliner.inline("not an svg", idPrefix: "x") == nil)
    }

    @Test func numberFormattingIsFixed() {
        #expect(NumberFormat.fixed(0.91234567) == "0.9123")
        #expect(NumberFormat.fixed(-0.00001) == "0.0000")
        #expect(NumberFormat.signed(0.0123) == "+0.0123")
        #expect(NumberFormat.signed(-0.0123) == "-0.0123")
        #expect(NumberFormat.signed(0) == "0.0000")
        #expect(NumberFormat.pValue(0.00001) == "< 0.0001")
        #expect(NumberFormat.pValue(0.0625) == "0.0625")
        #expect(NumberFormat.pValue(nil) == "—")
        #expect(NumberFormat.seconds(123.4) == "123" && NumberFormat.seconds(0.01234) == "0.0123")
        #expect(NumberFormat.data(.nan) == "NaN" && NumberFormat.data(1e-6) == "1e-06")
    }
}
