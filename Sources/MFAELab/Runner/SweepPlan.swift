import Foundation
import MFAECore

/// A planned run with its key on the loaded data.
public struct PlannedJob: Sendable, Hashable {
    public var run: PlannedRun
    /// ``RunKey/make(configuration:datasetFingerprint:)`` (for a search trial, that key with the search's context).
    public var key: String
    /// For a search trial: when it stops early (see ``PruningRule``); nil runs to the end.
    public var pruning: PruningRule?
    /// Whether a trial the rule would prune runs on to the end (the search still treats it as pruned).
    public var auditsPruning = false

    /// A job; `pruning` nil for an ordinary run.
    public init(run: PlannedRun, key: String, pruning: PruningRule? = nil, auditsPruning: Bool = false) {
        self.run = run; self.key = key; self.pruning = pruning; self.auditsPruning = auditsPruning
    }
}

/// An experiment ready to run: its grid (or one shard of it) keyed on the loaded data.
public struct SweepPlan: Sendable {
    public var spec: ExperimentSpec
    /// The spec file's text as written.
    public var specText: String
    /// The whole grid, before sharding.
    public var grid: ExperimentGrid
    public var shard: Shard
    /// The loaded data, shared by every run.
    public var data: RatingSet
    /// ``RatingSet/fingerprint`` of ``data``.
    public var fingerprint: String
    /// This shard's runs, in grid order.
    public var jobs: [PlannedJob]

    /// Expands `spec`, keeps `shard`'s runs and keys them on `data`.
    public init(spec: ExperimentSpec, specText: String, data: RatingSet, shard: Shard = .whole) throws {
        self.spec = spec
        self.specText = specText
        self.grid = spec.expand()
        self.shard = shard
        self.data = data
        let fingerprint = data.fingerprint
        self.fingerprint = fingerprint
        self.jobs = grid.runs(in: shard).map {
            PlannedJob(run: $0, key: RunKey.make(configuration: $0.configuration, datasetFingerprint: fingerprint))
        }
    }

    /// A plan of explicit jobs (a search's wave or its final runs) for `spec` on `data`.
    public init(spec: ExperimentSpec, specText: String, data: RatingSet, fingerprint: String, jobs: [PlannedJob]) {
        self.spec = spec
        self.specText = specText
        self.grid = ExperimentGrid(runs: jobs.map(\.run), collapsedCount: 0)
        self.shard = .whole
        self.data = data
        self.fingerprint = fingerprint
        self.jobs = jobs
    }

    /// Records the experiment, the data set and a pending row per new run; returns the experiment.
    public func record(in store: any RunStore) throws -> ExperimentRecord {
        let experiment = try store.recordExperiment(name: spec.name, description: spec.description, spec: specText,
                                                    specHash: ExperimentSpec.hash(of: Data(specText.utf8)))
        let source = (try? JSONValue.of(spec.dataset).description) ?? data.name
        try store.recordDataset(DatasetRecord(data, fingerprint: fingerprint, source: source))
        try store.recordPlan(experimentID: experiment.id, runs: jobs.map {
            PlannedRunRow(key: $0.key, group: $0.run.group, label: $0.run.label, configuration: $0.run.configuration,
                          datasetFingerprint: fingerprint)
        })
        return experiment
    }

    /// How each job stands against `store` under `policy`, in job order.
    public func dispositions(in store: any RunStore, policy: ClaimPolicy) throws -> [RunDisposition] {
        let byKey = try store.dispositions(keys: jobs.map(\.key), policy: policy)
        return jobs.map { byKey[$0.key] ?? .new }
    }
}
