import MFAECore
import MFAELab

/// Top-N ranking metrics beside RMSE, per protocol (warm, heldout): each model's best configuration
/// (chosen on validation RMSE, as in the headline) with Recall@10, NDCG@10, MRR and coverage@10
/// across seeds, the autoencoder against every other model paired by seed on each ranking metric,
/// and whether ordering the models by a ranking metric agrees with ordering them by test RMSE.
public struct TopNComparison: Sendable {
    /// One model's best configuration.
    public struct Entry: Sendable {
        /// The model.
        public var model: ModelKind
        /// Its best configuration's runs.
        public var group: ConfigurationGroup
        /// Each of ``TopNComparison/metrics`` and test RMSE across seeds.
        public var summaries: [MetricName: SampleSummary]
        /// Users the means are over and users left out (no relevant item), from the first seed.
        public var users: Int?, usersWithoutRelevant: Int?
    }

    /// The ranking metrics shown, in column order.
    public static let metrics: [MetricName] = [.recallAt10, .ndcgAt10, .mrr, .coverageAt10]

    /// The protocol.
    public var evaluationProtocol: EvaluationProtocol
    /// Models that measured ranking metrics, in report order.
    public var entries: [Entry]
    /// The autoencoder against each other model, paired by seed, per ranking metric (autoencoder − other).
    public var comparisons: [PairedComparison]

    /// The models ordered by mean `metric`, best first.
    public func order(by metric: MetricName) -> [ModelKind] {
        entries.compactMap { entry in entry.summaries[metric].map { (entry.model, $0.mean) } }
            .sorted { metric.isHigherBetter ? $0.1 > $1.1 : $0.1 < $1.1 }
            .map(\.0)
    }

    /// One comparison per protocol where some run measured ranking metrics.
    public static func make(_ analysis: ExperimentAnalysis) -> [TopNComparison] {
        analysis.protocols.compactMap { item -> TopNComparison? in
            let entries = ModelKind.reportOrder.compactMap { model -> Entry? in
                guard let group = analysis.bestGroup(of: model, in: item) else { return nil }
                var summaries: [MetricName: SampleSummary] = [:]
                for metric in metrics + [.testRMSE] { summaries[metric] = group.summary(of: metric) }
                guard summaries[.ndcgAt10] != nil else { return nil }
                return Entry(model: model, group: group, summaries: summaries,
                             users: group.values(of: .rankingUsers).first.map { Int($0) },
                             usersWithoutRelevant: group.values(of: .rankingUsersWithoutRelevant).first.map { Int($0) })
            }
            guard !entries.isEmpty else { return nil }
            var comparisons: [PairedComparison] = []
            if let autoencoder = entries.first(where: { $0.model == .mfae }) {
                for other in entries where other.model != .mfae {
                    for metric in [MetricName.recallAt10, .ndcgAt10, .mrr] {
                        comparisons.append(PairedComparison(autoencoder.group, other.group, metric: metric))
                    }
                }
            }
            return TopNComparison(evaluationProtocol: item, entries: entries, comparisons: comparisons)
        }
    }
}
