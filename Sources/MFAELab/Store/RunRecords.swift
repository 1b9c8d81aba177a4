import Foundation
import MFAECore

/// An experiment as stored: the spec as written and its hash. The same name with another spec text
/// is another experiment row; runs are shared between experiments by key.
public struct ExperimentRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var description: String
    /// The spec file's text as written.
    public var spec: String
    /// SHA-256 (hex) of ``spec``.
    public var specHash: String
    public var created: Date

    /// Assembles a record.
    public init(id: Int64, name: String, description: String, spec: String, specHash: String, created: Date) {
        self.id = id; self.name = name; self.description = description
        self.spec = spec; self.specHash = specHash; self.created = created
    }
}

/// A data set runs were trained on, stored once per fingerprint so that item vectors can be shown
/// with their titles without loading the data again.
public struct DatasetRecord: Sendable, Equatable, Codable {
    /// ``RatingSet/fingerprint``.
    public var fingerprint: String
    public var name: String
    /// The spec's `dataset` value, as JSON.
    public var source: String
    public var userCount: Int
    public var itemCount: Int
    public var ratingCount: Int
    /// Original item ids, by ``ItemIndex``.
    public var itemIDs: [String]
    /// Item titles, by ``ItemIndex``.
    public var itemTitles: [String]

    /// Assembles a record.
    public init(fingerprint: String, name: String, source: String, userCount: Int, itemCount: Int,
                ratingCount: Int, itemIDs: [String], itemTitles: [String]) {
        self.fingerprint = fingerprint; self.name = name; self.source = source
        self.userCount = userCount; self.itemCount = itemCount; self.ratingCount = ratingCount
        self.itemIDs = itemIDs; self.itemTitles = itemTitles
    }

    /// The record of a loaded data set.
    public init(_ data: RatingSet, fingerprint: String, source: String) {
        self.init(fingerprint: fingerprint, name: data.name, source: source, userCount: data.userCount,
                  itemCount: data.itemCount, ratingCount: data.count, itemIDs: data.itemIDs,
                  itemTitles: data.itemTitles)
    }
}

/// A run as stored: its resolved configuration, status and provenance. ``metrics`` holds the final
/// metrics when the listing asked for them.
public struct RunRecord: Sendable, Equatable, Codable {
    public var id: Int64
    /// ``RunKey`` of the configuration and data fingerprint.
    public var key: String
    /// The experiment that first planned the run.
    public var experiment: String?
    /// Model, swept parameters and seed, for display.
    public var label: String
    /// The fully resolved configuration (canonicalized).
    public var configuration: TrainingConfiguration
    public var datasetFingerprint: String
    public var status: RunStatus
    /// The error text of a failed, diverged or interrupted run.
    public var error: String?
    public var started: Date?
    public var ended: Date?
    public var wallSeconds: Double?
    /// Who ran (or is running) it.
    public var provenance: Provenance?
    /// Times the run was claimed.
    public var attempts: Int
    /// Final metrics by ``MetricName`` raw value (empty unless finished and requested).
    public var metrics: [String: Double]

    /// Assembles a record.
    public init(id: Int64, key: String, experiment: String?, label: String, configuration: TrainingConfiguration,
                datasetFingerprint: String, status: RunStatus, error: String? = nil, started: Date? = nil,
                ended: Date? = nil, wallSeconds: Double? = nil, provenance: Provenance? = nil, attempts: Int = 0,
                metrics: [String: Double] = [:]) {
        self.id = id; self.key = key; self.experiment = experiment; self.label = label
        self.configuration = configuration; self.datasetFingerprint = datasetFingerprint; self.status = status
        self.error = error; self.started = started; self.ended = ended; self.wallSeconds = wallSeconds
        self.provenance = provenance; self.attempts = attempts; self.metrics = metrics
    }

    /// A final metric by name.
    public func metric(_ name: MetricName) -> Double? { metrics[name.rawValue] }
}

/// One per-epoch measurement of a run.
public struct ScalarRecord: Sendable, Equatable, Codable {
    /// The epoch (1-based).
    public var step: Int
    /// A ``ScalarName`` raw value.
    public var name: String
    public var value: Double
    /// When it was recorded.
    public var wallTime: Date

    /// Assembles a record.
    public init(step: Int, name: String, value: Double, wallTime: Date) {
        self.step = step; self.name = name; self.value = value; self.wallTime = wallTime
    }

    /// The scalars of one epoch.
    static func records(of epoch: EpochRecord, at time: Date) -> [ScalarRecord] {
        let values: [(ScalarName, Double)] = [
            (.trainLoss, epoch.trainLoss), (.trainMSE, epoch.trainMSE), (.validMSE, epoch.valid.mse),
            (.validRMSE, epoch.valid.rmse), (.validMAE, epoch.valid.mae), (.epochSeconds, epoch.seconds),
            (.validationSeconds, epoch.validationSeconds),
        ]
        return values.map { ScalarRecord(step: epoch.epoch, name: $0.0.rawValue, value: $0.1, wallTime: time) }
    }
}

extension TrainingResult {
    /// The final metrics to store, by name (``MetricName/values(of:)``).
    var storedMetrics: [String: Double] {
        MetricName.values(of: self).reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }
    }
}
