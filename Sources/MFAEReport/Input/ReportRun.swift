import MFAECore
import MFAELab

/// One run of an experiment, as a report needs it: its configuration, outcome, final metrics,
/// learning curve, trained item vectors and provenance.
public struct ReportRun: Sendable, Equatable {
    /// The store's key of the run, unique within the experiment.
    public var id: String
    /// Where the run stands.
    public var status: RunStatus
    /// The error message of a failed or diverged run.
    public var error: String?
    /// The full configuration, seed included.
    public var configuration: TrainingConfiguration
    /// Final measurements by name; missing when not measured (MF has no fold-in outside `heldout`).
    public var metrics: [MetricName: Double]
    /// Per-epoch measurements in order; empty for closed-form baselines.
    public var epochs: [ReportEpoch]
    /// Trained decoder item parameters, when kept.
    public var items: ItemParameters?
    /// Who ran it, with what tool and source revision, on which host; nil when not recorded.
    public var provenance: Provenance?
    /// Wall seconds from start to end of the run, including data preparation.
    public var wallSeconds: Double?

    /// The id as reports show it: a hash-like run key (32 or more hex digits, as the store's) cut to
    /// its first 12, which `mfae-lab show` accepts as a prefix; other ids whole.
    public var shortID: String {
        id.count >= 32 && id.allSatisfy(\.isHexDigit) ? String(id.prefix(12)) : id
    }

    /// The seed: configurations that differ only in it are replicates.
    public var seed: UInt64 { configuration.seed }

    /// A run from its parts.
    public init(id: String, status: RunStatus, error: String? = nil, configuration: TrainingConfiguration,
                metrics: [MetricName: Double] = [:], epochs: [ReportEpoch] = [], items: ItemParameters? = nil,
                provenance: Provenance? = nil, wallSeconds: Double? = nil) {
        self.id = id; self.status = status; self.error = error; self.configuration = configuration
        self.metrics = metrics; self.epochs = epochs; self.items = items; self.provenance = provenance
        self.wallSeconds = wallSeconds
    }

    /// A done run from the trainer's result, with the metrics the store would record.
    public init(id: String, result: TrainingResult, provenance: Provenance? = nil, wallSeconds: Double? = nil) {
        self.init(id: id, status: .done, configuration: result.configuration, metrics: MetricName.values(of: result),
                  epochs: result.epochs.map(ReportEpoch.init), items: result.items, provenance: provenance,
                  wallSeconds: wallSeconds)
    }

    /// The value of `metric` when it was measured and is finite.
    public func value(of metric: MetricName) -> Double? {
        guard let value = metrics[metric], value.isFinite else { return nil }
        return value
    }

    /// Whether the run counts in the statistics: completed, with finite validation and test RMSE.
    public var isUsable: Bool {
        status == .done && value(of: .validRMSE) != nil && value(of: .testRMSE) != nil
    }
}
