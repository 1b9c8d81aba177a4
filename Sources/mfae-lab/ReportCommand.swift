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
            indexing them; --html adds a self-contained index.html beside each. The reports are written into a \
            temporary folder and moved into place when complete, and OUT then holds exactly the experiments \
            reported: a report refuses (writing nothing) to drop reports of other experiments from OUT, or to \
            replace a complete experiment's report with an incomplete one (unless --allow-incomplete). Plots \
            are rendered with gnuplot when it is on PATH (apt-get install gnuplot-nox); without it the scripts \
            are still written and the Markdown says how to render them. The same database gives \
            byte-identical Markdown.
            """)

    @OptionGroup var database: DatabaseOption

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

    @Flag(help: "Replace complete reports in OUT even with those of experiments whose runs have not all ended.")
    var allowIncomplete = false

    func run() throws {
        var options = ReportOptions(experimentNames: experiments, probeTitle: probe, writesHTML: html,
                                    rendersPlots: !noRender, reportCommand: reproducingCommand)
        options.allowsIncomplete = allowIncomplete
        let databaseArguments = database.isDefault ? "" : " --db " + Self.shellQuoted(database.db)
        let store = try database.openExisting()
        defer { try? store.close() }
        try store.checkIntegrity()
        let source = RunStoreReportSource(store: store, runCommand: { specFile in
            "mfae-lab run " + Self.shellQuoted(specFile) + databaseArguments
        })
        let folder = URL(fileURLWithPath: out)
        // Interrupted, the report leaves OUT as it was and removes its temporary folder.
        let staging = ReportGenerator.stagingFolder(for: folder)
        let trap = InterruptTrap { _ in
            try? FileManager.default.removeItem(at: staging)
            Console.log("interrupted: \(out)/ left as it was")
            Foundation.exit(ExitStatus.interrupted.rawValue)
        }
        let summary = try ReportGenerator(source: source, options: options).write(to: folder, log: Console.log)
        trap.remove()
        var line = "\(summary.folders.count) report(s) in \(out)/"
        if summary.isGnuplotMissing {
            line += ", plots not rendered (gnuplot is missing; the reports say how to render them)"
        } else if !noRender {
            line += ", \(summary.renderedPlots) plot(s) rendered"
        }
        if !summary.failedPlots.isEmpty { line += ", \(summary.failedPlots.count) plot(s) failed" }
        Console.say(line)
    }

    /// This command with its options in a fixed order and defaults left out, for the reports'
    /// provenance: the same options always give the same text.
    var reproducingCommand: String {
        var words = ["mfae-lab", "report"]
        if !database.isDefault { words += ["--db", database.db] }
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
