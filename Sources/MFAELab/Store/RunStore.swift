import Foundation
import MFAECore

/// Which runs a listing returns.
public struct RunFilter: Sendable, Equatable {
    /// Only runs linked to an experiment of this name.
    public var experiment: String?
    /// Only runs with this status.
    public var status: RunStatus?
    /// Whether to fill ``RunRecord/metrics``.
    public var includeMetrics: Bool

    /// A filter; with no arguments, every run with its metrics.
    public init(experiment: String? = nil, status: RunStatus? = nil, includeMetrics: Bool = true) {
        self.experiment = experiment; self.status = status; self.includeMetrics = includeMetrics
    }
}

/// A run linked to an experiment, in one of its groups (`grid`, `baseline mf`).
public struct ExperimentMembership: Sendable, Hashable, Codable {
    public var experimentID: Int64
    public var runID: Int64
    public var group: String

    /// Assembles a link.
    public init(experimentID: Int64, runID: Int64, group: String) {
        self.experimentID = experimentID; self.runID = runID; self.group = group
    }
}

/// Where experiments, runs, per-epoch scalars, final metrics and trained item parameters are kept.
///
/// Two implementations: ``SQLiteRunStore`` (one file, shared safely by several processes) and
/// ``InMemoryRunStore`` (tests). Every method is atomic; a claim in particular is one transaction,
/// so two runners never run the same key at once.
///
/// Readers (reports, `runs`, `show`, `export`) need only ``experiments()``, ``runs(_:)``,
/// ``run(matching:)``, ``scalars(runID:)``, ``metrics(runID:)``, ``itemParameters(runID:)``,
/// ``dataset(fingerprint:)`` and ``memberships(experimentID:)``.
public protocol RunStore: AnyObject, Sendable {
    // MARK: Writing (the runner)

    /// Records an experiment; returns the existing row when this name and spec text were recorded before.
    func recordExperiment(name: String, description: String, spec: String, specHash: String) throws -> ExperimentRecord
    /// Records a data set once per fingerprint.
    func recordDataset(_ dataset: DatasetRecord) throws
    /// Inserts a pending row for each key not yet stored and links every run to the experiment, in one transaction.
    func recordPlan(experimentID: Int64, runs: [PlannedRunRow]) throws
    /// How each key stands under `policy` (keys not stored are ``RunDisposition/new``).
    func dispositions(keys: [String], policy: ClaimPolicy) throws -> [String: RunDisposition]
    /// Atomically makes `owner` the runner of the planned run `key`, unless it is done, failed or
    /// running elsewhere (as `policy` says). A claimed run's earlier scalars and results are cleared.
    func claim(key: String, owner: Provenance, policy: ClaimPolicy) throws -> ClaimOutcome
    /// Records an epoch's scalars, while `owner` owns the run.
    func recordEpoch(runID: Int64, owner: Provenance, epoch: EpochRecord) throws
    /// Records a finished run's metrics, scalars and item parameters and marks it done, in one
    /// transaction. Returns false (and records nothing) if `owner` no longer owns the run.
    @discardableResult
    func finish(runID: Int64, owner: Provenance, result: TrainingResult, wallSeconds: Double) throws -> Bool
    /// Marks an owned run failed, diverged or interrupted with the error text.
    @discardableResult
    func end(runID: Int64, owner: Provenance, status: RunStatus, error: String, wallSeconds: Double) throws -> Bool
    /// Refreshes the heartbeat of every run `owner` is running.
    func heartbeat(owner: Provenance) throws

    // MARK: Reading

    /// Every experiment, oldest first.
    func experiments() throws -> [ExperimentRecord]
    /// Runs matching `filter`, by id.
    func runs(_ filter: RunFilter) throws -> [RunRecord]
    /// One run by id, with its metrics.
    func run(id: Int64) throws -> RunRecord?
    /// Runs whose key starts with `prefix`, with their metrics.
    func runs(keyPrefix: String) throws -> [RunRecord]
    /// A run's per-epoch scalars, by step then name.
    func scalars(runID: Int64) throws -> [ScalarRecord]
    /// A finished run's final metrics by ``MetricName`` raw value.
    func metrics(runID: Int64) throws -> [String: Double]
    /// A finished run's trained item vectors and biases, if its model has them.
    func itemParameters(runID: Int64) throws -> ItemParameters?
    /// The data set with this fingerprint.
    func dataset(fingerprint: String) throws -> DatasetRecord?
    /// Every data set.
    func datasets() throws -> [DatasetRecord]
    /// Which runs belong to which experiments (all of them when `experimentID` is nil).
    func memberships(experimentID: Int64?) throws -> [ExperimentMembership]

    // MARK: Merging

    /// Applies a merge plan made by ``merge(from:)`` in one transaction.
    func apply(_ snapshot: StoreSnapshot, conflictTolerance: Double) throws -> MergeSummary
}

extension RunStore {
    /// The run named by `text`: a run id, or a unique prefix (4+ characters) of a run key.
    /// - Throws: ``LabError/runNotFound(_:)`` or ``LabError/ambiguousRun(_:matches:)``.
    public func run(matching text: String) throws -> RunRecord {
        if let id = Int64(text), let run = try run(id: id) { return run }
        guard text.count >= 4 else { throw LabError.runNotFound(text) }
        let matches = try runs(keyPrefix: text.lowercased())
        guard let first = matches.first else { throw LabError.runNotFound(text) }
        guard matches.count == 1 else { throw LabError.ambiguousRun(text, matches: matches.count) }
        return first
    }

    /// The experiment most recently recorded under `name`.
    public func experiment(named name: String) throws -> ExperimentRecord? {
        try experiments().last { $0.name == name }
    }
}
