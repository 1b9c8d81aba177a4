import ArgumentParser
import Foundation
import MFAELab
import MFAEReport

/// `mfae-lab report`: the experiments of the lab database as Markdown, gnuplot plots and HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write each experiment's report: Markdown, gnuplot scripts and SVG plots, optionally HTML.",
        discussion: """
            Writes OUT/<experiment>/README.md with plots/*.gp, *.dat and rendered *.svg, and OUT/README.md \
            indexing them; --html adds a self-contained index.html beside each. Plots are rendered with \
            gnuplot when it is on PATH (apt-get install gnuplot-nox); without it the scripts are still written. \
            The same database gives byte-identical Markdown.
            """)

    @Option(help: "The lab database file (SQLite).")
    var db: String = "lab.sqlite"

    @Option(name: .customLong("experiment"), help: "An experiment to report; repeat for several (default: all).")
    var experiments: [String] = []

    @Option(help: "The folder the reports are written to.")
    var out: String = "Reports"

    @Flag(help: "Also write a self-contained index.html per experiment and for the index.")
    var html = false

    @Flag(name: .customLong("no-render"), help: "Write the gnuplot scripts without running gnuplot.")
    var noRender = false

    @Option(help: "Title, or part of one, of the item whose nearest items are listed.")
    var probe: String = ReportOptions.defaultProbeTitle

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandSupport.fail("no lab database at \(db): run an experiment first (mfae-lab run SPEC) or pass --db FILE")
        }
        let options = ReportOptions(experimentNames: experiments, probeTitle: probe, writesHTML: html,
                                    rendersPlots: !noRender, reportCommand: reproducingCommand)
        let source = RunStoreReportSource(store: try SQLiteRunStore(path: db), databasePath: db)
        let summary: ReportGenerator.Summary
        do {
            summary = try ReportGenerator(source: source, options: options)
                .write(to: URL(fileURLWithPath: out), log: CommandSupport.log)
        } catch let error as ReportError {
            throw CommandSupport.fail(error.description)
        }
        var line = "\(summary.folders.count) report(s) in \(out)/"
        if summary.isGnuplotMissing {
            line += ", plots not rendered (gnuplot is missing)"
        } else if !noRender {
            line += ", \(summary.renderedPlots) plot(s) rendered"
        }
        if !summary.failedPlots.isEmpty { line += ", \(summary.failedPlots.count) plot(s) failed" }
        print(line)
    }

    /// This command with its options in a fixed order and defaults left out, for the reports'
    /// provenance: the same options always give the same text.
    var reproducingCommand: String {
        var words = ["mfae-lab", "report"]
        if db != "lab.sqlite" { words += ["--db", db] }
        for name in experiments { words += ["--experiment", name] }
        if out != "Reports" { words += ["--out", out] }
        if html { words.append("--html") }
        if probe != ReportOptions.defaultProbeTitle { words += ["--probe", probe] }
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@".contains($0) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
