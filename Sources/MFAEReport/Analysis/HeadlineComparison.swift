import MFAECore

/// The headline of one protocol: each model's best configuration (chosen on validation RMSE) with
/// its test errors across seeds, and the autoencoder against every other model, paired by seed.
public struct HeadlineComparison: Sendable {
    /// One model's best configuration and its errors.
    public struct Entry: Sendable {
        /// The model.
        public var model: ModelKind
        /// Its best configuration's runs.
        public var group: ConfigurationGroup
        /// Validation RMSE across seeds (what the configuration was chosen by).
        public var validRMSE: SampleSummary?
        /// Test RMSE across seeds.
        public var testRMSE: SampleSummary?
        /// Test MSE across seeds.
        public var testMSE: SampleSummary?
        /// Test MAE across seeds.
        public var testMAE: SampleSummary?
    }

    /// The protocol.
    public var evaluationProtocol: EvaluationProtocol
    /// One entry per model, in report order.
    public var entries: [Entry]
    /// The autoencoder's best configuration against each other model's, test RMSE paired by seed
    /// (autoencoder − other); empty without autoencoder runs.
    public var comparisons: [PairedComparison]

    /// The comparison of the autoencoder with classic MF, when both ran.
    public var autoencoderVersusMF: PairedComparison? {
        comparisons.first { $0.second.model == .mf }
    }

    /// One headline per protocol of `analysis`, in report order.
    public static func make(_ analysis: ExperimentAnalysis) -> [HeadlineComparison] {
        analysis.protocols.map { item in
            let entries = ModelKind.reportOrder.compactMap { model -> Entry? in
                guard let group = analysis.bestGroup(of: model, in: item) else { return nil }
                return Entry(model: model, group: group, validRMSE: group.summary(of: .validRMSE),
                             testRMSE: group.summary(of: .testRMSE), testMSE: group.summary(of: .testMSE),
                             testMAE: group.summary(of: .testMAE))
            }
            var comparisons: [PairedComparison] = []
            if let autoencoder = entries.first(where: { $0.model == .mfae }) {
                for other in entries where other.model != .mfae {
                    comparisons.append(PairedComparison(autoencoder.group, other.group))
                }
            }
            return HeadlineComparison(evaluationProtocol: item, entries: entries, comparisons: comparisons)
        }
    }
}
