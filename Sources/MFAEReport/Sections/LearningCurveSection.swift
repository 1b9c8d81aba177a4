import MFAECore

/// Learning curves of the best configurations: a plot per protocol and a table of where training
/// stopped.
enum LearningCurveSection {
    /// The section, and the plots its figures need.
    static func make(_ curves: [LearningCurve], experiment: String) -> (blocks: [ReportBlock], plots: [PlotScript]) {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Learning curves")]
        guard !curves.isEmpty else {
            blocks.append(.paragraph("No best configuration recorded per-epoch measurements."))
            return (blocks, [])
        }
        blocks.append(.paragraph("Validation RMSE after each epoch for the best configuration of each trained model: the line is "
            + "the mean across seeds, the band ± one standard deviation (over the seeds still training at that epoch; early "
            + "stopping ends seeds at different epochs). The right panel shows the train loss, MSE plus the L2 prior."))
        var plots: [PlotScript] = []
        for item in EvaluationProtocol.reportOrder {
            let protocolCurves = curves.filter { $0.evaluationProtocol == item }
            guard !protocolCurves.isEmpty else { continue }
            blocks.append(.heading(level: 3, text: "Protocol: \(item.rawValue)"))
            let plot = LearningCurvePlot.make(protocolCurves, evaluationProtocol: item, experiment: experiment)
            plots.append(plot)
            blocks.append(.figure(ReportFigure(name: plot.name, caption: "Validation RMSE and train loss per epoch under \(item.rawValue).")))
            blocks.append(.table(table(protocolCurves)))
        }
        return (blocks, plots)
    }

    static func table(_ curves: [LearningCurve]) -> ReportTable {
        let rows = curves.map { curve -> [RichText] in
            let range = curve.epochRange.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" } ?? "—"
            let finalLoss = SampleSummary(curve.group.runs.compactMap { $0.epochs.last?.trainLoss }.filter(\.isFinite))
            return [.text(curve.model.displayName), .text(String(curve.group.runs.count)), .text(range),
                    .text(NumberFormat.meanAndDeviation(curve.group.summary(of: .bestEpoch), digits: 1)),
                    .text(NumberFormat.meanAndDeviation(curve.group.summary(of: .validRMSE))),
                    .text(NumberFormat.meanAndDeviation(finalLoss))]
        }
        return ReportTable(header: ["Model", "Seeds", "Epochs trained", "Best epoch", "Valid RMSE at best epoch", "Final train loss"],
                           rows: rows)
    }
}
