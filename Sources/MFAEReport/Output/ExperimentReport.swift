import MFAECore

/// One experiment's report: its analyses, the document that presents them, and the plots the
/// document's figures are rendered from. Building it reads nothing and writes nothing.
public struct ExperimentReport: Sendable {
    /// The experiment's runs, grouped.
    public var analysis: ExperimentAnalysis
    /// One headline per protocol.
    public var headlines: [HeadlineComparison]
    /// One sensitivity per swept parameter.
    public var sensitivities: [ParameterSensitivity]
    /// Learning curves of the best configurations.
    public var learningCurves: [LearningCurve]
    /// Costs and run outcomes.
    public var cost: CostSummary
    /// Item neighbours of the probe.
    public var neighbours: NeighbourComparison
    /// The report's content, for the Markdown and HTML renderers.
    public var document: ReportDocument
    /// The plots the document's figures refer to.
    public var plots: [PlotScript]

    /// Analyses `analysis` and lays out its report.
    public init(analysis: ExperimentAnalysis, options: ReportOptions) {
        self.analysis = analysis
        headlines = HeadlineComparison.make(analysis)
        sensitivities = ParameterSensitivity.make(analysis)
        learningCurves = LearningCurve.make(analysis)
        cost = CostSummary.make(analysis)
        neighbours = NeighbourComparison.make(analysis, probe: options.probeTitle)

        let name = analysis.experiment.name
        let sensitivity = SensitivitySection.make(sensitivities, experiment: name)
        let learning = LearningCurveSection.make(learningCurves, experiment: name)
        let costSection = CostSection.make(cost, experiment: name)
        var blocks = Self.introduction(analysis)
        blocks += HeadlineSection.findings(headlines)
        blocks += HeadlineSection.blocks(headlines, analysis: analysis)
        blocks += sensitivity.blocks
        blocks += learning.blocks
        blocks += costSection.blocks
        blocks += NeighbourSection.blocks(neighbours, probe: options.probeTitle)
        blocks += ProvenanceSection.blocks(analysis, options: options)
        blocks += MethodsSection.blocks()
        document = ReportDocument(title: "Experiment: \(name)", blocks: blocks)
        plots = sensitivity.plots + learning.plots + costSection.plots
    }

    /// The report as Markdown.
    public var markdown: String { MarkdownRenderer.render(document) }

    /// The report as a self-contained HTML page; `svg` gives a figure's inline SVG when rendered.
    public func html(svg: (ReportFigure) -> String?) -> String { HTMLRenderer.render(document, svg: svg) }

    /// `12 runs: 10 completed, 1 failed, 1 diverged`.
    public var runCountText: String { Self.runCount(analysis) }

    static func introduction(_ analysis: ExperimentAnalysis) -> [ReportBlock] {
        let experiment = analysis.experiment
        var blocks: [ReportBlock] = []
        if !experiment.description.isEmpty { blocks.append(.paragraph(.text(experiment.description))) }
        let models = analysis.models.map(\.displayName).joined(separator: ", ")
        let protocols = analysis.protocols.map(\.rawValue).joined(separator: ", ")
        var facts = RichText.text("Data set ") + .code(experiment.datasetName) + .text(". \(ExperimentReport.runCount(analysis)).")
        if !models.isEmpty { facts = facts + .text(" Models: \(models). Protocols: \(protocols).") }
        blocks.append(.paragraph(facts))
        return blocks
    }

    static func runCount(_ analysis: ExperimentAnalysis) -> String {
        let counts = ReportRunStatus.allCases.compactMap { status -> String? in
            let count = analysis.runs.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        let total = "\(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s")"
        return counts.isEmpty ? total : "\(total): " + counts.joined(separator: ", ")
    }
}
