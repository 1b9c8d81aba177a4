import MFAECore
import MFAELab

/// Top-N metrics beside RMSE: per protocol, the best configurations' Recall@10, NDCG@10, MRR and
/// coverage@10 with the same seed statistics and paired tests as RMSE, and whether the ranking by
/// top-N agrees with the ranking by RMSE.
enum TopNSection {
    /// The section; nothing when no run measured ranking metrics.
    static func blocks(_ comparisons: [TopNComparison]) -> [ReportBlock] {
        guard !comparisons.isEmpty else { return [] }
        var blocks: [ReportBlock] = [
            .heading(level: 2, text: "Top-N ranking beside RMSE"),
            .paragraph("For each test user every item not among the user's input ratings (the training ratings under warm, the "
                + "given half under heldout) is scored and ranked, with ties broken by item index; relevant items are the user's "
                + "test ratings at or above the relevance threshold (default 4 stars). Full ranking, no sampled negatives. "
                + "Recall@10 and NDCG@10 (binary relevance) and MRR are averaged over users with a relevant item (users without "
                + "one are counted, not averaged); coverage@10 is the fraction of the catalogue in some user's top 10. Each "
                + "model's configuration is its best on validation RMSE, as in the headline; mean ± sd across seeds. The global "
                + "mean ranks nothing (all its scores tie)."),
        ]
        for comparison in comparisons {
            blocks.append(.heading(level: 3, text: "Protocol: \(comparison.evaluationProtocol.rawValue)"))
            blocks.append(.table(table(comparison)))
            if !comparison.comparisons.isEmpty {
                blocks.append(.table(pairedTable(comparison.comparisons)))
            }
            if comparison.entries.count > 1 { blocks.append(.paragraph(agreement(comparison))) }
        }
        return blocks
    }

    static func table(_ comparison: TopNComparison) -> ReportTable {
        let rows = comparison.entries.map { entry -> [RichText] in
            var cells: [RichText] = [.text(entry.model.displayName), .text(String(entry.group.runs.count)),
                                     .text(NumberFormat.meanAndDeviation(entry.summaries[.testRMSE]))]
            for metric in TopNComparison.metrics {
                cells.append(.text(NumberFormat.meanAndDeviation(entry.summaries[metric])))
            }
            cells.append(.text(entry.users.map { users in
                "\(users)" + (entry.usersWithoutRelevant.map { " (+\($0) without)" } ?? "")
            } ?? "—"))
            return cells
        }
        return ReportTable(header: ["Model", "Seeds", "Test RMSE", "Recall@10", "NDCG@10", "MRR", "Coverage@10", "Users"],
                           rows: rows)
    }

    static func pairedTable(_ comparisons: [PairedComparison]) -> ReportTable {
        let rows = comparisons.map { comparison -> [RichText] in
            [.text("\(comparison.first.model.shortName) − \(comparison.second.model.shortName)"),
             .code(comparison.metric.rawValue),
             .text(String(comparison.seeds.count)),
             .text(comparison.summary.map { NumberFormat.signed($0.mean) + ($0.standardDeviation.map { " ± " + NumberFormat.fixed($0) } ?? "") } ?? "—"),
             .text(NumberFormat.interval(comparison.summary?.confidenceInterval, signed: true)),
             .text(NumberFormat.pValue(comparison.tTest?.pValue)),
             .text(NumberFormat.pValue(comparison.wilcoxon?.pValue)),
             HeadlineSection.verdictCell(comparison)]
        }
        return ReportTable(header: ["Difference", "Metric", "Paired seeds", "Mean ± sd", "95% CI", "t-test p", "Wilcoxon p", "Verdict"],
                           alignments: [.left, .left, .right, .right, .right, .right, .right, .left], rows: rows)
    }

    /// Whether ordering by NDCG@10 (and Recall@10, MRR) gives the same model order as test RMSE.
    static func agreement(_ comparison: TopNComparison) -> RichText {
        let byRMSE = comparison.order(by: .testRMSE)
        func names(_ models: [ModelKind]) -> String { models.map(\.shortName).joined(separator: " > ") }
        var parts: [String] = []
        var disagreeing: [String] = []
        for metric in [MetricName.ndcgAt10, .recallAt10, .mrr] {
            let order = comparison.order(by: metric).filter(byRMSE.contains)
            if order != byRMSE.filter(order.contains) { disagreeing.append("\(metric.rawValue) (\(names(order)))") }
        }
        parts.append("Ordered by test RMSE, best first: \(names(byRMSE)).")
        if disagreeing.isEmpty {
            parts.append("Recall@10, NDCG@10 and MRR order the models the same way.")
        } else {
            parts.append("The ranking metrics disagree: " + disagreeing.joined(separator: "; ") + ".")
        }
        return .text(parts.joined(separator: " "))
    }
}
