import Foundation

/// Builds the reports of a ``ReportSource`` and writes them: `<out>/<experiment>/README.md`,
/// `summary.json` (``ReportSummary``), `plots/*.gp`, `*.dat` and rendered `*.svg`, optionally `index.html`, and `<out>/README.md`
/// (plus `index.html`) indexing them. The same source and options give byte-identical Markdown.
public struct ReportGenerator {
    /// What a ``write(to:log:)`` did.
    public struct Summary: Sendable, Equatable {
        /// Folder of each experiment's report, relative to the output folder, in index order.
        public var folders: [String]
        /// Files written, relative to the output folder, sorted.
        public var files: [String]
        /// Scripts rendered to SVG.
        public var renderedPlots: Int
        /// Scripts gnuplot rejected, with what it printed.
        public var failedPlots: [Gnuplot.Outcome]
        /// Whether gnuplot was wanted but not found.
        public var isGnuplotMissing: Bool
    }

    /// Where runs are read.
    public var source: ReportSource
    /// What was asked.
    public var options: ReportOptions
    /// The renderer; `nil` when gnuplot is not installed. Found on `PATH` by default.
    public var gnuplot: Gnuplot?

    /// A generator reading `source`.
    public init(source: ReportSource, options: ReportOptions, gnuplot: Gnuplot? = Gnuplot.locate()) {
        self.source = source; self.options = options; self.gnuplot = gnuplot
    }

    /// The requested reports, sorted by experiment name, each with its folder name.
    /// - Throws: ``ReportError/unknownExperiment(name:known:)`` for a name the source does not have.
    public func makeReports() throws -> [(folder: String, report: ExperimentReport)] {
        let all = try source.experiments().sorted { $0.name < $1.name }
        var chosen = all
        if !options.experimentNames.isEmpty {
            chosen = []
            for name in options.experimentNames {
                guard let experiment = all.first(where: { $0.name == name }) else {
                    throw ReportError.unknownExperiment(name: name, known: all.map(\.name))
                }
                if !chosen.contains(experiment) { chosen.append(experiment) }
            }
            chosen.sort { $0.name < $1.name }
        }
        var used = Set<String>()
        return try chosen.map { experiment in
            let runs = try source.runs(of: experiment.name)
            let search = try (source as? SearchTrialSource).flatMap { trials in
                try SearchAnalysis.make(experiment: experiment, runs: runs, references: trials.referenceRows(of: experiment.name),
                                        outcome: trials.trialOutcome)
            }
            let analysis = ExperimentAnalysis(experiment: experiment, runs: runs,
                                              itemTitles: try source.itemTitles(of: experiment.name), search: search)
            let base = Self.folderName(for: experiment.name)
            var folder = base
            var suffix = 2
            while used.contains(folder) { folder = "\(base)-\(suffix)"; suffix += 1 }
            used.insert(folder)
            return (folder, ExperimentReport(analysis: analysis, options: options))
        }
    }

    /// Writes every requested report and the index under `directory`, renders the plots when asked
    /// and possible, and reports progress and problems through `log`. A missing or failing gnuplot
    /// is logged, never thrown; a figure that was not rendered says so in the Markdown.
    ///
    /// Everything is written into a temporary folder beside `directory` and moved into place only
    /// when complete, so an interrupted or failing report leaves `directory` as it was. Afterwards
    /// `directory` holds exactly the reports asked for (files that are not reports are kept).
    /// - Throws: ``ReportError/wouldDrop(folder:experiments:)`` when `directory` holds reports of
    ///   other experiments, ``ReportError/wouldReplaceComplete(folder:experiments:)`` when a complete
    ///   report there would be replaced by an incomplete one (unless ``ReportOptions/allowsIncomplete``),
    ///   ``ReportError/writeFailed(path:reason:)``.
    @discardableResult
    public func write(to directory: URL, log: (String) -> Void = { _ in }) throws -> Summary {
        let reports = try makeReports()
        let existing = ReportFolder(url: directory)
        let dropped = existing.experimentFolders().filter { folder in !reports.contains { $0.folder == folder } }
        if !dropped.isEmpty {
            throw ReportError.wouldDrop(folder: directory.path, experiments: dropped)
        }
        if !options.allowsIncomplete {
            let replaced = reports.filter { !$0.report.isComplete && existing.holdsCompleteReport(in: $0.folder) }
            if !replaced.isEmpty {
                throw ReportError.wouldReplaceComplete(folder: directory.path, experiments: replaced.map(\.folder))
            }
        }
        let staging = try existing.makeStagingFolder()
        defer { try? FileManager.default.removeItem(at: staging) }

        var writer = FileWriter(root: staging)
        var rendered = 0
        var failures: [Gnuplot.Outcome] = []
        let renderer = options.rendersPlots ? gnuplot : nil
        if options.rendersPlots && gnuplot == nil { log(Gnuplot.installHint) }

        for (folder, report) in reports {
            let plotsFolder = "\(folder)/\(ReportFigure.folder)"
            for plot in report.plots {
                try writer.write(plot.script, to: "\(plotsFolder)/\(plot.scriptFile)")
                try writer.write(plot.data, to: "\(plotsFolder)/\(plot.dataFile)")
            }
            var renderedFigures = Set<String>()
            if let renderer {
                for plot in report.plots {
                    let outcome = try renderOutcome(renderer, plot: plot, in: writer.url(plotsFolder))
                    if outcome.succeeded {
                        rendered += 1
                        renderedFigures.insert(plot.svgFile)
                        writer.record("\(plotsFolder)/\(plot.svgFile)")
                        if !outcome.output.isEmpty { log("gnuplot \(folder)/\(plot.scriptFile): \(outcome.output)") }
                    } else {
                        failures.append(outcome)
                        log("gnuplot failed on \(folder)/\(plot.scriptFile) (status \(outcome.status)): \(outcome.output)")
                    }
                }
            }
            let markdown = report.markdown { renderedFigures.contains("\($0.name).svg") }
            try writer.write(markdown, to: "\(folder)/README.md")
            try writer.write(try ReportSummary(report).json(), to: "\(folder)/\(ReportSummary.fileName)")
            if options.writesHTML {
                let html = report.html { figure in
                    let file = writer.url("\(folder)/\(figure.svgPath)")
                    guard let svg = try? String(contentsOf: file, encoding: .utf8) else { return nil }
                    return SVGInliner.inline(svg, idPrefix: figure.name)
                }
                try writer.write(html, to: "\(folder)/index.html")
            }
            log("wrote \(folder)/README.md (\(report.plots.count) plots)")
        }
        let index = ReportIndex.document(reports, options: options)
        try writer.write(MarkdownRenderer.render(index), to: "README.md")
        if options.writesHTML {
            try writer.write(HTMLRenderer.render(index, svg: { _ in nil }), to: "index.html")
        }
        try existing.replace(with: staging)
        return Summary(folders: reports.map(\.folder), files: writer.written.sorted(), renderedPlots: rendered,
                       failedPlots: failures, isGnuplotMissing: options.rendersPlots && gnuplot == nil)
    }

    /// The temporary folder a report for `directory` is written into before it is moved into place;
    /// a caller that is interrupted removes it.
    public static func stagingFolder(for directory: URL) -> URL {
        ReportFolder(url: directory).stagingURL
    }

    private func renderOutcome(_ gnuplot: Gnuplot, plot: PlotScript, in folder: URL) throws -> Gnuplot.Outcome {
        do {
            return try gnuplot.render(script: plot.scriptFile, in: folder)
        } catch {
            return Gnuplot.Outcome(script: plot.scriptFile, status: -1, output: "cannot start \(gnuplot.executable.path): \(error)")
        }
    }

    /// A folder name for an experiment: letters, digits, `.`, `-` and `_` kept, anything else
    /// replaced by `-`; never empty, never hidden.
    public static func folderName(for experiment: String) -> String {
        var name = ""
        for scalar in experiment.unicodeScalars {
            let isSafe = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_" || scalar == "."
            name.unicodeScalars.append(isSafe ? scalar : "-")
        }
        if name.isEmpty || name.hasPrefix(".") { name = "experiment-" + name }
        return name
    }
}
