/// What `mfae-lab report` was asked for.
public struct ReportOptions: Sendable, Equatable {
    /// The experiments to report; empty for every experiment of the store.
    public var experimentNames: [String]
    /// Text of the item whose neighbours are listed, matched case-insensitively in titles.
    public var probeTitle: String
    /// Whether to write `index.html` pages beside the Markdown.
    public var writesHTML: Bool
    /// Whether to run gnuplot on the scripts.
    public var rendersPlots: Bool
    /// The command that regenerates the reports, quoted in each report's provenance.
    public var reportCommand: String
    /// Whether an incomplete experiment's report may replace a complete one already in the output folder.
    public var allowsIncomplete: Bool = false

    /// The probe of the notebook, which found Star Trek films near each other.
    public static let defaultProbeTitle = "Star Trek: Generations"

    /// Options with the command's defaults: every experiment, Markdown only, plots rendered.
    public init(experimentNames: [String] = [], probeTitle: String = defaultProbeTitle, writesHTML: Bool = false,
                rendersPlots: Bool = true, reportCommand: String = "mfae-lab report") {
        self.experimentNames = experimentNames; self.probeTitle = probeTitle; self.writesHTML = writesHTML
        self.rendersPlots = rendersPlots; self.reportCommand = reportCommand
    }
}
