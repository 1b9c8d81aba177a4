import MFAECore
import MFAELab

/// One experiment's report: its analyses, the document that presents them, and the plots the
/// document's figures are rendered from. Building it reads nothing and writes nothing.
public struct ExperimentReport: Sendable {
    /// The experiment's runs, grouped.
    public var analysis: ExperimentAnalysis
    /// One headline per protocol: the search's verdict for searched protocols, the grid's otherwise.
    public var headlines: [HeadlineComparison]
    /// The search's verdict per protocol, when the experiment has a search.
    public var searchHeadlines: [SearchHeadline]
    /// One sensitivity per swept parameter.
    public var sensitivities: [ParameterSensitivity]
    /// Learning curves of the best configurations.
    public var learningCurves: [LearningCurve]
    /// Costs and run outcomes.
    public var cost: CostSummary
    /// Item neighbours of the probe.
    public var neighbours: NeighbourComparison
    /// New-user accuracy by history length (heldout), when measured.
    public var coldStart: ColdStartComparison?
    /// Top-N metrics beside RMSE, per protocol where measured.
    public var topN: [TopNComparison]
    /// Neighbour coherence and the franchise check, when measured.
    public var itemSpace: ItemSpaceComparison?
    /// The report's content, for the Markdown and HTML renderers.
    public var document: ReportDocument
    /// The plots the document's figures refer to.
    public var plots: [PlotScript]

    /// Analyses `analysis` and lays out its report.
    public init(analysis: ExperimentAnalysis, options: ReportOptions) {
        self.analysis = analysis
        searchHeadlines = analysis.search.map(SearchHeadline.make) ?? []
        let searched = searchHeadlines.map(\.evaluationProtocol)
        let gridHeadlines = HeadlineComparison.make(analysis).filter { !searched.contains($0.evaluationProtocol) }
        headlines = (searchHeadlines.map(\.comparison) + gridHeadlines).sorted {
            (EvaluationProtocol.reportOrder.firstIndex(of: $0.evaluationProtocol) ?? 0)
                < (EvaluationProtocol.reportOrder.firstIndex(of: $1.evaluationProtocol) ?? 0)
        }
        sensitivities = ParameterSensitivity.make(analysis)
        learningCurves = LearningCurve.make(analysis)
        cost = CostSummary.make(analysis)
        neighbours = NeighbourComparison.make(analysis, probe: options.probeTitle)
        coldStart = ColdStartComparison.make(analysis)
        topN = TopNComparison.make(analysis)
        itemSpace = ItemSpaceComparison.make(analysis)

        let name = analysis.experiment.name
        let sensitivity = SensitivitySection.make(sensitivities, experiment: name)
        let learning = LearningCurveSection.make(learningCurves, experiment: name)
        let costSection = CostSection.make(cost, experiment: name)
        let coldStartSection = ColdStartSection.make(coldStart, experiment: name)
        var blocks = Self.introduction(analysis)
        var findings = Self.findings(HeadlineSection.findings(headlines, leading: SensitivitySection.maskingFinding(sensitivities).map { [$0] } ?? []),
                                     coldStart: coldStart, topN: topN)
        var searchPart: (blocks: [ReportBlock], plots: [PlotScript]) = ([], [])
        if let search = analysis.search {
            findings = SearchSection.addingFindings(SearchSection.findings(search), to: findings)
            searchPart = SearchSection.make(searchHeadlines, search: search, experiment: name)
        }
        blocks += findings
        blocks += searchPart.blocks
        if analysis.search == nil || !analysis.groups.isEmpty {
            blocks += HeadlineSection.blocks(gridHeadlines, analysis: analysis)
            blocks += TopNSection.blocks(topN)
            blocks += coldStartSection.blocks
            blocks += sensitivity.blocks
            blocks += learning.blocks
        }
        blocks += costSection.blocks
        blocks += NeighbourSection.blocks(neighbours, probe: options.probeTitle)
        blocks += ItemSpaceSection.blocks(itemSpace, sensitivities: sensitivities)
        blocks += ProvenanceSection.blocks(analysis, options: options)
        blocks += MethodsSection.blocks()
        document = ReportDocument(title: "Experiment: \(name)", blocks: blocks)
        plots = searchPart.plots + sensitivity.plots + learning.plots + costSection.plots + coldStartSection.plots
    }

    /// The headline's findings list with the end-of-run measurements' findings added: where the
    /// autoencoder's and MF's cold-start curves cross, and whether top-N agrees with RMSE.
    static func findings(_ headline: [ReportBlock], coldStart: ColdStartComparison?, topN: [TopNComparison]) -> [ReportBlock] {
        var extra: [RichText] = []
        if let coldStart {
            let latent = coldStart.series.filter { !$0.isBaseline && $0.model.isLatent }
            if latent.count == 2 {
                let sentences = ColdStartSection.crossingSentences(ColdStartComparison(series: latent, throughput: []))
                extra += sentences.map { RichText.code("heldout") + .text(" new users: ") + $0 }
            }
        }
        for comparison in topN where comparison.entries.count > 1 {
            extra.append(.code(comparison.evaluationProtocol.rawValue) + .text(" top-N: ") + TopNSection.agreement(comparison))
        }
        guard !extra.isEmpty, case let .list(items)? = headline.last else { return headline }
        return headline.dropLast() + [.list(items + extra)]
    }

    /// The report as Markdown, every figure linking its rendered SVG.
    public var markdown: String { MarkdownRenderer.render(document) }

    /// The report as Markdown; figures for which `isRendered` is false say that their SVG was not
    /// rendered and how to render it, instead of linking a missing image.
    public func markdown(isRendered: (ReportFigure) -> Bool) -> String {
        MarkdownRenderer.render(document, isRendered: isRendered)
    }

    /// Runs that have not ended (pending, running or interrupted): the experiment is incomplete.
    public var unfinishedRunCount: Int {
        analysis.runs.filter(\.status.isUnfinished).count
    }

    /// Whether every run has ended (done, failed or diverged).
    public var isComplete: Bool { unfinishedRunCount == 0 }

    /// The words that open an incomplete report's second paragraph, by which a later `report`
    /// recognises a report it may replace.
    public static let incompleteMarker = "Incomplete:"

    /// The report as a self-contained HTML page; `svg` gives a figure's inline SVG when rendered.
    public func html(svg: (ReportFigure) -> String?) -> String { HTMLRenderer.render(document, svg: svg) }

    /// `12 runs: 10 done, 1 failed, 1 diverged`.
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
        let unfinished = analysis.runs.filter(\.status.isUnfinished).count
        if unfinished > 0 {
            blocks.append(.paragraph(.strong(incompleteMarker) + .text(" \(unfinished) of \(analysis.runs.count) runs have not "
                + "finished (pending, running or interrupted), so every number below may change. Resume with the run command "
                + "under Provenance, then report again.")))
        }
        return blocks
    }

    static func runCount(_ analysis: ExperimentAnalysis) -> String {
        let counts = RunStatus.reportOrder.compactMap { status -> String? in
            let count = analysis.runs.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        let total = "\(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s")"
        return counts.isEmpty ? total : "\(total): " + counts.joined(separator: ", ")
    }
}
