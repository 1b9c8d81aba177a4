import Foundation
import MFAECore

/// A ``RunStore`` in memory, for tests: the same behaviour as ``SQLiteRunStore`` without a file.
public final class InMemoryRunStore: RunStore, @unchecked Sendable {
    private struct StoredRun {
        var record: RunRecord
        var heartbeat: Date?
        var scalars: [ScalarRecord] = []
        var items: ItemParameters?
    }

    private let lock = NSLock()
    private var experimentRows: [ExperimentRecord] = []
    private var datasetRows: [String: DatasetRecord] = [:]
    private var runRows: [Int64: StoredRun] = [:]
    private var idByKey: [String: Int64] = [:]
    private var links: [ExperimentMembership] = []

    /// An empty store.
    public init() {}

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Writing

    public func recordExperiment(name: String, description: String, spec: String, specHash: String) throws -> ExperimentRecord {
        locked {
            if let existing = experimentRows.first(where: { $0.name == name && $0.specHash == specHash }) { return existing }
            let record = ExperimentRecord(id: Int64(experimentRows.count + 1), name: name, description: description,
                                          spec: spec, specHash: specHash, created: Date())
            experimentRows.append(record)
            return record
        }
    }

    public func recordDataset(_ dataset: DatasetRecord) throws {
        locked { if datasetRows[dataset.fingerprint] == nil { datasetRows[dataset.fingerprint] = dataset } }
    }

    public func recordPlan(experimentID: Int64, runs: [PlannedRunRow]) throws {
        locked {
            let experimentName = experimentRows.first { $0.id == experimentID }?.name
            for row in runs {
                let id: Int64
                if let existing = idByKey[row.key] {
                    id = existing
                } else {
                    id = Int64(runRows.count + 1)
                    idByKey[row.key] = id
                    runRows[id] = StoredRun(record: RunRecord(
                        id: id, key: row.key, experiment: experimentName, label: row.label,
                        configuration: row.configuration, datasetFingerprint: row.datasetFingerprint, status: .pending))
                }
                let link = ExperimentMembership(experimentID: experimentID, runID: id, group: row.group)
                if !links.contains(where: { $0.experimentID == experimentID && $0.runID == id }) { links.append(link) }
            }
        }
    }

    private func state(of run: StoredRun) -> StoredRunState {
        StoredRunState(id: run.record.id, status: run.record.status, owner: run.record.provenance, heartbeat: run.heartbeat)
    }

    public func dispositions(keys: [String], policy: ClaimPolicy) throws -> [String: RunDisposition] {
        locked {
            let now = Date()
            var result: [String: RunDisposition] = [:]
            for key in keys {
                guard let id = idByKey[key], let run = runRows[id] else { result[key] = .new; continue }
                result[key] = state(of: run).disposition(policy: policy, now: now)
            }
            return result
        }
    }

    public func claim(key: String, owner: Provenance, policy: ClaimPolicy) throws -> ClaimOutcome {
        try locked {
            guard let id = idByKey[key], var run = runRows[id] else { throw LabError.runNotFound(key) }
            let now = Date()
            let disposition = state(of: run).disposition(policy: policy, now: now)
            guard disposition.willRun else { return .skipped(runID: id, disposition) }
            run.record.status = .running
            run.record.error = nil
            run.record.started = now
            run.record.ended = nil
            run.record.wallSeconds = nil
            run.record.provenance = owner
            run.record.attempts += 1
            run.record.metrics = [:]
            run.heartbeat = now
            run.scalars = []
            run.items = nil
            runRows[id] = run
            return .claimed(runID: id, attempt: run.record.attempts)
        }
    }

    private func owned(_ runID: Int64, by owner: Provenance) -> StoredRun? {
        guard let run = runRows[runID], run.record.status == .running, run.record.provenance?.token == owner.token
        else { return nil }
        return run
    }

    public func recordEpoch(runID: Int64, owner: Provenance, epoch: EpochRecord) throws {
        locked {
            guard var run = owned(runID, by: owner) else { return }
            let now = Date()
            run.scalars.removeAll { $0.step == epoch.epoch }
            run.scalars += ScalarRecord.records(of: epoch, at: now)
            run.heartbeat = now
            runRows[runID] = run
        }
    }

    public func finish(runID: Int64, owner: Provenance, result: TrainingResult, wallSeconds: Double) throws -> Bool {
        locked {
            guard var run = owned(runID, by: owner) else { return false }
            let now = Date()
            // Epochs already recorded as they ended keep their wall times; missing ones are added.
            let recorded = Set(run.scalars.map(\.step))
            for epoch in result.epochs where !recorded.contains(epoch.epoch) {
                run.scalars += ScalarRecord.records(of: epoch, at: now)
            }
            run.record.metrics = result.storedMetrics
            run.items = result.items
            run.record.status = .done
            run.record.ended = now
            run.record.wallSeconds = wallSeconds
            runRows[runID] = run
            return true
        }
    }

    public func end(runID: Int64, owner: Provenance, status: RunStatus, error: String, wallSeconds: Double) throws -> Bool {
        locked {
            guard var run = owned(runID, by: owner) else { return false }
            run.record.status = status
            run.record.error = error
            run.record.ended = Date()
            run.record.wallSeconds = wallSeconds
            runRows[runID] = run
            return true
        }
    }

    public func heartbeat(owner: Provenance) throws {
        locked {
            let now = Date()
            for (id, run) in runRows where run.record.status == .running && run.record.provenance?.token == owner.token {
                runRows[id]?.heartbeat = now
            }
        }
    }

    // MARK: Reading

    public func experiments() throws -> [ExperimentRecord] { locked { experimentRows } }

    public func runs(_ filter: RunFilter) throws -> [RunRecord] {
        locked {
            let experimentIDs = filter.experiment.map { name in Set(experimentRows.filter { $0.name == name }.map(\.id)) }
            let memberIDs = experimentIDs.map { ids in Set(links.filter { ids.contains($0.experimentID) }.map(\.runID)) }
            return runRows.keys.sorted().compactMap { id -> RunRecord? in
                guard var record = runRows[id]?.record else { return nil }
                if let status = filter.status, record.status != status { return nil }
                if let memberIDs, !memberIDs.contains(id) { return nil }
                if !filter.includeMetrics { record.metrics = [:] }
                return record
            }
        }
    }

    public func run(id: Int64) throws -> RunRecord? { locked { runRows[id]?.record } }

    public func runs(keyPrefix: String) throws -> [RunRecord] {
        locked { runRows.keys.sorted().compactMap { runRows[$0]?.record }.filter { $0.key.hasPrefix(keyPrefix) } }
    }

    public func scalars(runID: Int64) throws -> [ScalarRecord] {
        locked { (runRows[runID]?.scalars ?? []).sorted { ($0.step, $0.name) < ($1.step, $1.name) } }
    }

    public func metrics(runID: Int64) throws -> [String: Double] { locked { runRows[runID]?.record.metrics ?? [:] } }

    public func itemParameters(runID: Int64) throws -> ItemParameters? { locked { runRows[runID]?.items } }

    public func dataset(fingerprint: String) throws -> DatasetRecord? { locked { datasetRows[fingerprint] } }

    public func datasets() throws -> [DatasetRecord] {
        locked { datasetRows.keys.sorted().compactMap { datasetRows[$0] } }
    }

    public func memberships(experimentID: Int64?) throws -> [ExperimentMembership] {
        locked { links.filter { experimentID == nil || $0.experimentID == experimentID } }
    }

    // MARK: Merging

    public func apply(_ snapshot: StoreSnapshot, conflictTolerance: Double) throws -> MergeSummary {
        try locked {
            var summary = MergeSummary()
            var actions: [(RunArchive, MergeAction)] = []
            var conflicts: [String] = []
            for archive in snapshot.runs {
                let existing = idByKey[archive.run.key].flatMap { runRows[$0]?.record }
                let action = MergeAction.resolve(existing: existing, incoming: archive.run, tolerance: conflictTolerance)
                if action == .conflict { conflicts.append(archive.run.key) }
                actions.append((archive, action))
            }
            guard conflicts.isEmpty else { throw LabError.mergeConflict(keys: conflicts) }
            for experiment in snapshot.experiments
            where !experimentRows.contains(where: { $0.name == experiment.name && $0.specHash == experiment.specHash }) {
                var copy = experiment
                copy.id = Int64(experimentRows.count + 1)
                experimentRows.append(copy)
                summary.experimentsAdded += 1
            }
            for dataset in snapshot.datasets where datasetRows[dataset.fingerprint] == nil {
                datasetRows[dataset.fingerprint] = dataset
            }
            for (archive, action) in actions {
                switch action {
                case .insert, .replace:
                    let id = idByKey[archive.run.key] ?? Int64(runRows.count + 1)
                    var record = archive.run
                    record.id = id
                    idByKey[record.key] = id
                    runRows[id] = StoredRun(record: record, heartbeat: nil, scalars: archive.scalars, items: archive.items)
                    if action == .insert { summary.added += 1 } else { summary.replaced += 1 }
                case .keep, .conflict:
                    summary.unchanged += 1
                }
            }
            for link in snapshot.memberships {
                guard let experiment = experimentRows.first(where: { $0.name == link.experimentName && $0.specHash == link.specHash }),
                      let runID = idByKey[link.runKey],
                      !links.contains(where: { $0.experimentID == experiment.id && $0.runID == runID })
                else { continue }
                links.append(ExperimentMembership(experimentID: experiment.id, runID: runID, group: link.group))
            }
            return summary
        }
    }
}
