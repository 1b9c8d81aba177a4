import Foundation
import MFAECore

/// A planned run with its key on the loaded data.
public struct PlannedJob: Sendable, Hashable {
    public var run: PlannedRun
    /// ``RunKey/make(configuration:datasetFingerprint:)``.
    public var key: String
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
