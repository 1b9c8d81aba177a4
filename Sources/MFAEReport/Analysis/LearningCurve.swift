import MFAECore

/// Validation RMSE and train loss per epoch of a best configuration, across its seeds.
public struct LearningCurve: Sendable {
    /// One epoch, over the seeds that reached it (early stopping ends seeds at different epochs).
    public struct Point: Sendable {
        /// 1-based epoch.
        public var epoch: Int
        /// Validation RMSE across seeds.
        public var validRMSE: SampleSummary
        /// Train loss (MSE + L2 prior) across seeds.
        public var trainLoss: SampleSummary
    }

    /// The model.
    public var model: ModelKind
    /// The protocol.
    public var evaluationProtocol: EvaluationProtocol
    /// The best configuration's runs.
    public var group: ConfigurationGroup
    /// One point per epoch any seed reached, in order.
    public var points: [Point]

    /// Fewest and most epochs a seed trained.
    public var epochRange: ClosedRange<Int>? {
        let counts = group.runs.map { $0.epochs.count }
        guard let low = counts.min(), let high = counts.max(), high > 0 else { return nil }
        return low ... high
    }

    /// One curve per protocol and trained model (those with epochs), protocols in report order,
    /// then models.
    public static func make(_ analysis: ExperimentAnalysis) -> [LearningCurve] {
        analysis.protocols.flatMap { item in
            analysis.models.compactMap { model -> LearningCurve? in
                guard let group = analysis.bestGroup(of: model, in: item) else { return nil }
                let lastEpoch = group.runs.map { $0.epochs.map(\.epoch).max() ?? 0 }.max() ?? 0
                guard lastEpoch > 0 else { return nil }
                let points = (1...lastEpoch).compactMap { epoch -> Point? in
                    let records = group.runs.compactMap { run in run.epochs.first { $0.epoch == epoch } }
                    guard let valid = SampleSummary(records.map(\.validRMSE).filter(\.isFinite)),
                          let loss = SampleSummary(records.map(\.trainLoss).filter(\.isFinite)) else { return nil }
                    return Point(epoch: epoch, validRMSE: valid, trainLoss: loss)
                }
                return LearningCurve(model: model, evaluationProtocol: item, group: group, points: points)
            }
        }
    }
}
