import MFAECore
import MFAELab

/// What the models cost: time per epoch and per fit, fold-in time per new user, and the runs that
/// failed or diverged.
enum CostSection {
    /// How many failed runs are listed by name.
    static let listedFailures = 20

    /// The section, and the plot its figure needs.
    static func make(_ cost: CostSummary, experiment: String) -> (blocks: [ReportBlock], plots: [PlotScript]) {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Cost")]
        var plots: [PlotScript] = []
        if !cost.rows.isEmpty {
            blocks.append(.paragraph("Wall-clock cost of the best configurations, mean ± sd across seeds. Seconds per epoch is each "
                + "run's median epoch; a fit includes validation and restoring the best epoch. Fold-in is the time to obtain a "
                + "new user's representation under heldout: one encoder pass for the autoencoder, a per-user ridge solve for MF. "
                + "Times depend on the machine and its load (see Provenance)."))
            blocks.append(.table(costTable(cost)))
            if let sentence = foldInSentence(cost) { blocks.append(.paragraph(sentence)) }
            if let plot = CostPlot.make(cost, experiment: experiment) {
                plots.append(plot)
                blocks.append(.figure(ReportFigure(name: plot.name, caption: "Seconds per epoch and per fit of the best configurations.")))
            }
        }
        blocks.append(.heading(level: 3, text: "Runs"))
        blocks.append(.table(statusTable(cost)))
        if cost.failures.isEmpty {
            blocks.append(.paragraph("No run failed, diverged or was interrupted."))
        } else {
            var items = cost.failures.prefix(listedFailures).map { run -> RichText in
                let c = run.configuration
                return .code(run.shortID) + .text(" (\(c.model.rawValue), \(c.evaluationProtocol.rawValue), seed \(run.seed)): \(run.status.rawValue)")
                    + .text(run.error.map { ": \($0)" } ?? "")
            }
            if cost.failures.count > listedFailures {
                items.append(.text("… and \(cost.failures.count - listedFailures) more."))
            }
            blocks.append(.paragraph("Runs that did not complete (they are left out of every statistic above):"))
            blocks.append(.list(Array(items)))
        }
        return (blocks, plots)
    }

    static func costTable(_ cost: CostSummary) -> ReportTable {
        func seconds(_ summary: SampleSummary?) -> RichText { .text(NumberFormat.seconds(summary)) }
        let rows = cost.rows.map { row -> [RichText] in
            [.code(row.evaluationProtocol.rawValue), .text(row.model.displayName), .text(String(row.group.runs.count)),
             seconds(row.epochSeconds), seconds(row.trainSeconds),
             .text(row.epochsTrained.map { NumberFormat.fixed($0.mean, digits: 1) } ?? "—"),
             seconds(row.foldInMilliseconds)]
        }
        return ReportTable(header: ["Protocol", "Model", "Seeds", "Seconds per epoch", "Seconds per fit", "Epochs", "Fold-in ms per user"],
                           alignments: [.left, .left, .right, .right, .right, .right, .right], rows: rows)
    }

    static func statusTable(_ cost: CostSummary) -> ReportTable {
        // `pruned` (search trials only) gets a column only where a run was pruned.
        let statuses = RunStatus.reportOrder.filter { status in
            status != .pruned || cost.statusCounts.contains { $0.count(.pruned) > 0 }
        }
        let rows = cost.statusCounts.map { count -> [RichText] in
            [.text(count.model.displayName), .text(String(count.total))]
                + statuses.map { .text(String(count.count($0))) }
                + [.text(NumberFormat.seconds(count.wallSeconds))]
        }
        return ReportTable(header: ["Model", "Runs"] + statuses.map(\.rawValue) + ["Wall seconds"], rows: rows)
    }

    /// The autoencoder's fold-in against MF's, when both were measured under one protocol.
    static func foldInSentence(_ cost: CostSummary) -> RichText? {
        for item in EvaluationProtocol.reportOrder {
            guard let autoencoder = cost.rows.first(where: { $0.model == .mfae && $0.evaluationProtocol == item })?.foldInMilliseconds,
                  let mf = cost.rows.first(where: { $0.model == .mf && $0.evaluationProtocol == item })?.foldInMilliseconds,
                  autoencoder.mean > 0, mf.mean > 0 else { continue }
            let ratio = mf.mean / autoencoder.mean
            let comparison = ratio >= 1
                ? "the autoencoder is \(NumberFormat.fixed(ratio, digits: 1))× faster"
                : "the autoencoder is \(NumberFormat.fixed(1 / ratio, digits: 1))× slower"
            return .text("Folding in a new user (") + .code(item.rawValue) + .text(") takes \(NumberFormat.seconds(autoencoder.mean)) ms "
                + "with the autoencoder's single encoder pass and \(NumberFormat.seconds(mf.mean)) ms with MF's per-user solve: \(comparison).")
        }
        return nil
    }
}
