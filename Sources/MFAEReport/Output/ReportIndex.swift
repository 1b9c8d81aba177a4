/// The index of all reports (`Reports/README.md`): one row per experiment with its headline
/// finding per protocol, linking to the experiment's report.
public enum ReportIndex {
    /// The index document of `reports`, each in the folder named beside it.
    public static func document(_ reports: [(folder: String, report: ExperimentReport)], options: ReportOptions) -> ReportDocument {
        var blocks: [ReportBlock] = [
            .paragraph("Does the matrix factorization autoencoder beat classic latent MF, and when? One report per experiment; "
                + "each compares the best configuration of every model per protocol, chosen on validation RMSE, on test RMSE "
                + "across seeds. Negative differences favour the autoencoder; a winner is named only where the paired t-test "
                + "gives p < 0.05."),
        ]
        if reports.isEmpty {
            blocks.append(.paragraph("The run store holds no experiment yet."))
        } else {
            let rows = reports.map { folder, report -> [RichText] in
                let experiment = report.analysis.experiment
                let findings = report.headlines.compactMap { headline -> RichText? in
                    guard let comparison = headline.autoencoderVersusMF, let summary = comparison.summary else { return nil }
                    return .code(headline.evaluationProtocol.rawValue)
                        + .text(" \(NumberFormat.signed(summary.mean)), \(NumberFormat.pClause(comparison.tTest?.pValue)): ")
                        + HeadlineSection.verdictCell(comparison)
                }
                return [.link(experiment.name, markdown: "\(folder)/README.md", html: "\(folder)/index.html"),
                        .text(experiment.description), .code(experiment.datasetName), .text(report.runCountText),
                        findings.isEmpty ? "—" : findings.joined(separator: "; ")]
            }
            blocks.append(.table(ReportTable(header: ["Experiment", "Question", "Data set", "Runs", "Autoencoder − MF, test RMSE"],
                                             alignments: [.left, .left, .left, .left, .left], rows: rows)))
        }
        blocks.append(.paragraph("Regenerate these reports from the run store:"))
        blocks.append(.code(options.reportCommand, language: "sh"))
        return ReportDocument(title: "mfae-lab reports", blocks: blocks)
    }
}
