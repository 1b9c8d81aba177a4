import MFAECore
import MFAELab

/// How meaningful each model's item space is, as numbers: genre coherence of the 10 nearest items
/// and the franchise rank, for the best autoencoder and MF configurations of each protocol (chosen
/// on validation RMSE), beside the random and co-rating references measured on the same splits.
public struct ItemSpaceComparison: Sendable {
    /// One model's best configuration under one protocol.
    public struct Entry: Sendable {
        /// The model.
        public var model: ModelKind
        /// The protocol.
        public var evaluationProtocol: EvaluationProtocol
        /// Its runs.
        public var group: ConfigurationGroup
        /// Each of ``ItemSpaceComparison/metrics`` across seeds, where measured.
        public var summaries: [MetricName: SampleSummary]
    }

    /// The coherence metrics: share with a common genre, then mean Jaccard, each by Euclidean
    /// distance, cosine, random neighbours and co-rating.
    public static let shareMetrics: [MetricName] = [.coherenceShareEuclidean, .coherenceShareCosine,
                                                      .coherenceShareRandom, .coherenceShareCoRating]
    /// Mean Jaccard of genre sets, in the same order.
    public static let jaccardMetrics: [MetricName] = [.coherenceJaccardEuclidean, .coherenceJaccardCosine,
                                                        .coherenceJaccardRandom, .coherenceJaccardCoRating]
    /// The franchise ranks, in the same order.
    public static let franchiseMetrics: [MetricName] = [.franchiseRankEuclidean, .franchiseRankCosine,
                                                          .franchiseRankRandom, .franchiseRankCoRating]
    /// Every metric summarised.
    public static let metrics = shareMetrics + jaccardMetrics + franchiseMetrics + [.coherenceItems, .franchisePairs]

    /// Entries, protocols in report order, then models.
    public var entries: [Entry]

    /// The comparison of `analysis`; nil when no run measured coherence (no genres, no latent runs).
    public static func make(_ analysis: ExperimentAnalysis) -> ItemSpaceComparison? {
        var entries: [Entry] = []
        for item in analysis.protocols {
            for model in [ModelKind.mfae, .mf] {
                guard let group = analysis.bestGroup(of: model, in: item) else { continue }
                var summaries: [MetricName: SampleSummary] = [:]
                for metric in metrics { summaries[metric] = group.summary(of: metric) }
                guard summaries[.coherenceShareCosine] != nil else { continue }
                entries.append(Entry(model: model, evaluationProtocol: item, group: group, summaries: summaries))
            }
        }
        return entries.isEmpty ? nil : ItemSpaceComparison(entries: entries)
    }
}
