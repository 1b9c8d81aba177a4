import MFAECore

/// One run of an experiment, as a report needs it: its configuration, outcome, final metrics,
/// learning curve, trained item vectors and provenance.
public struct ReportRun: Sendable, Equatable {
    /// The store's key of the run, unique within the experiment.
    public var id: String
    /// Where the run stands.
    public var status: ReportRunStatus
    /// The error message of a failed or diverged run.
    public var error: String?
    /// The full configuration, seed included.
    public var configuration: TrainingConfiguration
    /// Final measurements by name; missing when not measured (MF has no fold-in outside `heldout`).
    public var metrics: [ReportMetric: Double]
    /// Per-epoch measurements in order; empty for closed-form baselines.
    public var epochs: [ReportEpoch]
    /// Trained decoder item parameters, when kept.
    public var items: ItemParameters?
    /// How, where and with what the run was produced.
    public var provenance: RunProvenance

    /// The id as reports show it: a hash-like run key (32 or more hex digits, as the store's) cut to
    /// its first 12, which `mfae-lab show` accepts as a prefix; other ids whole.
    public var shortID: String {
        id.count >= 32 && id.allSatisfy(\.isHexDigit) ? String(id.prefix(12)) : id
    }

    /// The seed: configurations that differ only in it are replicates.
    public var seed: UInt64 { configuration.seed }

    /// A run from its parts.
    public init(id: String, status: ReportRunStatus, error: String? = nil, configuration: TrainingConfiguration,
                metrics: [ReportMetric: Double] = [:], epochs: [ReportEpoch] = [], items: ItemParameters? = nil,
                provenance: RunProvenance = RunProvenance()) {
        self.id = id; self.status = status; self.error = error; self.configuration = configuration
        self.metrics = metrics; self.epochs = epochs; self.items = items; self.provenance = provenance
    }

    /// A completed run from the trainer's result.
    public init(id: String, result: TrainingResult, provenance: RunProvenance = RunProvenance()) {
        var metrics: [ReportMetric: Double] = [
            .testRMSE: result.test.rmse, .testMSE: result.test.mse, .testMAE: result.test.mae,
            .validRMSE: result.valid.rmse, .validMSE: result.valid.mse, .validMAE: result.valid.mae,
            .bestEpoch: Double(result.bestEpoch), .trainSeconds: result.trainSeconds,
            .trainRatings: Double(result.trainRatings),
        ]
        if !result.epochs.isEmpty { metrics[.epochSeconds] = result.epochSecondsMedian }
        if let foldIn = result.foldInMillisecondsPerUser { metrics[.foldInMillisecondsPerUser] = foldIn }
        self.init(id: id, status: .completed, configuration: result.configuration, metrics: metrics,
                  epochs: result.epochs.map(ReportEpoch.init), items: result.items, provenance: provenance)
    }

    /// The value of `metric` when it was measured and is finite.
    public func value(of metric: ReportMetric) -> Double? {
        guard let value = metrics[metric], value.isFinite else { return nil }
        return value
    }

    /// Whether the run counts in the statistics: completed, with finite validation and test RMSE.
    public var isUsable: Bool {
        status == .completed && value(of: .validRMSE) != nil && value(of: .testRMSE) != nil
    }
}
