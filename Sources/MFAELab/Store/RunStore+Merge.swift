import Foundation
import MFAECore

/// Everything stored about one run, independent of any file's row ids.
public struct RunArchive: Sendable, Equatable, Codable {
    /// The run, with its final metrics.
    public var run: RunRecord
    public var scalars: [ScalarRecord]
    public var items: ItemParameters?
}

/// A run's link to an experiment, by names and keys rather than row ids.
public struct ArchivedMembership: Sendable, Hashable, Codable {
    public var experimentName: String
    public var specHash: String
    public var runKey: String
    public var group: String
}

/// The whole content of a store, for merging shard databases.
public struct StoreSnapshot: Sendable {
    public var experiments: [ExperimentRecord]
    public var datasets: [DatasetRecord]
    public var runs: [RunArchive]
    public var memberships: [ArchivedMembership]
}

/// What a merge did.
public struct MergeSummary: Sendable, Equatable, CustomStringConvertible {
    /// Runs whose key was new to the target.
    public var added = 0
    /// Runs that replaced a less finished run with the same key (interrupted → done).
    public var replaced = 0
    /// Runs already present with the same result (or a more finished one).
    public var unchanged = 0
    /// Experiments new to the target.
    public var experimentsAdded = 0

    /// An empty summary.
    public init() {}

    public var description: String {
        "\(added) run(s) added, \(replaced) replaced, \(unchanged) already present; \(experimentsAdded) experiment(s) added"
    }
}

/// How a merge treats an incoming run against the one already stored under its key.
enum MergeAction: Equatable {
    case insert, replace, keep, conflict

    /// How finished a status is: a more finished run replaces a less finished one.
    static func rank(_ status: RunStatus) -> Int {
        switch status {
        case .done, .pruned: return 4
        case .failed, .diverged: return 3
        case .interrupted: return 2
        case .running: return 1
        case .pending: return 0
        }
    }

    /// Two done runs with one key must have the same final metrics (within a relative `tolerance`);
    /// otherwise the more finished run wins and ties keep the stored one.
    static func resolve(existing: RunRecord?, incoming: RunRecord, tolerance: Double) -> MergeAction {
        guard let existing else { return .insert }
        if existing.status == .done && incoming.status == .done {
            return sameMetrics(existing.metrics, incoming.metrics, tolerance: tolerance) ? .keep : .conflict
        }
        return rank(incoming.status) > rank(existing.status) ? .replace : .keep
    }

    /// Whether two metric sets agree, ignoring timings (which differ between machines).
    static func sameMetrics(_ a: [String: Double], _ b: [String: Double], tolerance: Double) -> Bool {
        let timings = Set(MetricName.allCases.filter(\.isMachineDependent).map(\.rawValue))
        let keys = Set(a.keys).union(b.keys).subtracting(timings)
        for key in keys {
            guard let x = a[key], let y = b[key] else { return false }
            if x == y { continue }
            if abs(x - y) > tolerance * max(abs(x), abs(y)) { return false }
        }
        return true
    }
}

extension RunStore {
    /// Everything in the store.
    public func snapshot() throws -> StoreSnapshot {
        let experiments = try experiments()
        let runs = try runs(RunFilter())
        let archives = try runs.map { run in
            RunArchive(run: run, scalars: try scalars(runID: run.id), items: try itemParameters(runID: run.id))
        }
        let experimentByID = Dictionary(uniqueKeysWithValues: experiments.map { ($0.id, $0) })
        let keyByID = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0.key) })
        let memberships = try memberships(experimentID: nil).compactMap { link -> ArchivedMembership? in
            guard let experiment = experimentByID[link.experimentID], let key = keyByID[link.runID] else { return nil }
            return ArchivedMembership(experimentName: experiment.name, specHash: experiment.specHash,
                                      runKey: key, group: link.group)
        }
        return StoreSnapshot(experiments: experiments, datasets: try datasets(), runs: archives,
                             memberships: memberships)
    }

    /// Merges other stores (shard databases) into this one, deduplicating by run key.
    /// All-or-nothing: if any key has two different done results, nothing is written.
    /// - Parameter tolerance: relative difference allowed between metrics of one key (timings aside).
    /// - Throws: ``LabError/mergeConflict(keys:)``.
    public func merge(from sources: [any RunStore], tolerance: Double = 1e-9) throws -> MergeSummary {
        var combined = StoreSnapshot(experiments: [], datasets: [], runs: [], memberships: [])
        var runIndexByKey: [String: Int] = [:]
        var conflicts: [String] = []
        for source in sources {
            let snapshot = try source.snapshot()
            combined.experiments += snapshot.experiments
            combined.datasets += snapshot.datasets
            combined.memberships += snapshot.memberships
            for archive in snapshot.runs {
                guard let index = runIndexByKey[archive.run.key] else {
                    runIndexByKey[archive.run.key] = combined.runs.count
                    combined.runs.append(archive)
                    continue
                }
                switch MergeAction.resolve(existing: combined.runs[index].run, incoming: archive.run, tolerance: tolerance) {
                case .replace: combined.runs[index] = archive
                case .conflict: conflicts.append(archive.run.key)
                case .insert, .keep: break
                }
            }
        }
        guard conflicts.isEmpty else { throw LabError.mergeConflict(keys: conflicts) }
        return try apply(combined, conflictTolerance: tolerance)
    }
}
