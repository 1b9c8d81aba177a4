/// Sensitivity to each swept parameter: a table and a plot of test RMSE against the parameter, and
/// for the mask, the answer to the notebook's question whether masking is effective.
enum SensitivitySection {
    /// The section, and the plots its figures need.
    static func make(_ sensitivities: [ParameterSensitivity], experiment: String) -> (blocks: [ReportBlock], plots: [PlotScript]) {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Sensitivity to swept parameters")]
        guard !sensitivities.isEmpty else {
            blocks.append(.paragraph("No parameter was swept within a model and protocol in this experiment."))
            return (blocks, [])
        }
        blocks.append(.paragraph("For each value of a swept parameter, the best configuration with that value is shown (the other "
            + "parameters chosen on validation RMSE), with its test RMSE as mean ± sd across seeds. One line per model and protocol."))
        var plots: [PlotScript] = []
        for sensitivity in sensitivities {
            let parameter = sensitivity.parameter
            blocks.append(.heading(level: 3, text: "Parameter: \(parameter.name)"))
            blocks.append(.table(table(sensitivity)))
            let plot = SensitivityPlot.make(sensitivity, experiment: experiment)
            plots.append(plot)
            blocks.append(.figure(ReportFigure(name: plot.name, caption: "Test RMSE against \(parameter.name) (mean ± sd across seeds)"
                + (sensitivity.axis == .logarithmic ? ", logarithmic axis." : "."))))
            if parameter == .maskFraction {
                blocks += maskingBlocks(sensitivity)
            }
        }
        return (blocks, plots)
    }

    static func table(_ sensitivity: ParameterSensitivity) -> ReportTable {
        let rows = sensitivity.values.map { value -> [RichText] in
            [.code(value.label)] + sensitivity.series.map { series -> RichText in
                guard let point = series.points.first(where: { $0.value == value }) else { return "—" }
                return .text(NumberFormat.meanAndDeviation(point.testRMSE) + " (\(point.testRMSE.count))")
            }
        }
        return ReportTable(header: [sensitivity.parameter.name] + sensitivity.series.map { "\($0.title): test RMSE (seeds)" },
                           rows: rows)
    }

    /// "Is masking actually effective?": the best masked against the best unmasked autoencoder.
    static func maskingBlocks(_ sensitivity: ParameterSensitivity) -> [ReportBlock] {
        let question = RichText.strong("Is masking effective?") + .text(" The notebook guessed that masking half of the encoder's "
            + "input ratings helps, and never tested it. ")
        guard !sensitivity.maskingComparisons.isEmpty else {
            return [.paragraph(question + .text("This sweep has no autoencoder run both with and without masking "
                + "(mask_fraction = 0) under one protocol, so it cannot answer."))]
        }
        var items: [RichText] = []
        for comparison in sensitivity.maskingComparisons {
            let masked = comparison.first.value(of: .maskFraction).label
            let prefix = RichText.code(comparison.first.evaluationProtocol.rawValue) + ": best masked ("
                + .code("mask_fraction=\(masked)") + ") − unmasked: "
            guard let t = comparison.tTest, let summary = comparison.summary else {
                items.append(prefix + .text("\(comparison.seeds.count) common seed(s), too few to test."))
                continue
            }
            let statistics = "\(NumberFormat.signed(summary.mean)) test RMSE, 95% CI "
                + "\(NumberFormat.interval(summary.confidenceInterval, signed: true)), \(NumberFormat.pClause(t.pValue)) over \(t.count) seeds"
                + (comparison.wilcoxon.map { ", Wilcoxon \(NumberFormat.pClause($0.pValue))" } ?? "")
            items.append(prefix + .text(statistics + ": ") + verdict(comparison) + ".")
        }
        return [.paragraph(question + .text("Paired by seed, each protocol's best masked configuration against its best unmasked one:")),
                .list(items)]
    }

    /// The masking answer in words: helps, hurts, or not resolved with the seeds there are (an
    /// interval that includes zero is not evidence of no effect).
    static func verdict(_ comparison: PairedComparison) -> RichText {
        switch comparison.verdict {
        case .firstBetter: return .strong("masking helps")
        case .secondBetter: return .strong("masking hurts")
        case .notSignificant, .untestable:
            return .strong("not resolved with \(comparison.seeds.count) seed\(comparison.seeds.count == 1 ? "" : "s")")
                + .text(comparison.summary?.confidenceInterval == nil ? ""
                    : " (the interval holds both a gain and a loss; more seeds would narrow it)")
        }
    }

    /// The answer to "is masking effective?" for the Findings that open a report, one clause per
    /// protocol; `nil` when the experiment did not sweep the mask against no mask.
    static func maskingFinding(_ sensitivities: [ParameterSensitivity]) -> RichText? {
        guard let sensitivity = sensitivities.first(where: { $0.parameter == .maskFraction }),
              !sensitivity.maskingComparisons.isEmpty else { return nil }
        let clauses = sensitivity.maskingComparisons.map { comparison -> RichText in
            var clause = RichText.code(comparison.first.evaluationProtocol.rawValue) + ": " + verdict(comparison)
            if let summary = comparison.summary {
                clause = clause + .text(" (best masked − unmasked \(NumberFormat.signed(summary.mean)), 95% CI "
                    + "\(NumberFormat.interval(summary.confidenceInterval, signed: true)))")
            }
            return clause
        }
        return .strong("Is masking effective?") + " " + clauses.joined(separator: "; ") + "."
    }
}
