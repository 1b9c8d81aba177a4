import Foundation
import MFAECore
import Testing
@testable import MFAELab

/// A full disk: the console and the database must agree. Runs whose claim or result could not be
/// written are counted as not recorded (not as failed), and the next sweep runs them.
@Suite("Runs that cannot be recorded")
struct NotRecordedTests {
    /// A store that cannot write results (a full disk), forwarding everything else to `base`.
    final class FullDiskStore: RunStore, @unchecked Sendable {
        let base: any RunStore
        /// Whether the small write that releases a claim fails too.
        let endFails: Bool
        /// Claims of these keys fail as well.
        let unclaimable: Set<String>

        init(base: any RunStore, endFails: Bool, unclaimable: Set<String>) {
            self.base = base; self.endFails = endFails; self.unclaimable = unclaimable
        }

        static let full = LabError.store(path: "full.sqlite", reason: "the disk is full")

        func recordExperiment(name: String, description: String, spec: String, specHash: String) throws -> ExperimentRecord {
            try base.recordExperiment(name: name, description: description, spec: spec, specHash: specHash)
        }
        func recordDataset(_ dataset: DatasetRecord) throws { try base.recordDataset(dataset) }
        func recordPlan(experimentID: Int64, runs: [PlannedRunRow]) throws { try base.recordPlan(experimentID: experimentID, runs: runs) }
        func dispositions(keys: [String], policy: ClaimPolicy) throws -> [String: RunDisposition] {
            try base.dispositions(keys: keys, policy: policy)
        }
        func claim(key: String, owner: Provenance, policy: ClaimPolicy) throws -> ClaimOutcome {
            if unclaimable.contains(key) { throw Self.full }
            return try base.claim(key: key, owner: owner, policy: policy)
        }
        func recordEpoch(runID: Int64, owner: Provenance, epoch: EpochRecord) throws { throw Self.full }
        func finish(runID: Int64, owner: Provenance, result: TrainingResult, wallSeconds: Double) throws -> Bool { throw Self.full }
        func end(runID: Int64, owner: Provenance, status: RunStatus, error: String, wallSeconds: Double) throws -> Bool {
            if endFails { throw Self.full }
            return try base.end(runID: runID, owner: owner, status: status, error: error, wallSeconds: wallSeconds)
        }
        func heartbeat(owner: Provenance) throws { try base.heartbeat(owner: owner) }
        func experiments() throws -> [ExperimentRecord] { try base.experiments() }
        func runs(_ filter: RunFilter) throws -> [RunRecord] { try base.runs(filter) }
        func run(id: Int64) throws -> RunRecord? { try base.run(id: id) }
        func runs(keyPrefix: String) throws -> [RunRecord] { try base.runs(keyPrefix: keyPrefix) }
        func scalars(runID: Int64) throws -> [ScalarRecord] { try base.scalars(runID: runID) }
        func metrics(runID: Int64) throws -> [String: Double] { try base.metrics(runID: runID) }
        func itemParameters(runID: Int64) throws -> ItemParameters? { try base.itemParameters(runID: runID) }
        func dataset(fingerprint: String) throws -> DatasetRecord? { try base.dataset(fingerprint: fingerprint) }
        func datasets() throws -> [DatasetRecord] { try base.datasets() }
        func memberships(experimentID: Int64?) throws -> [ExperimentMembership] { try base.memberships(experimentID: experimentID) }
        func apply(_ snapshot: StoreSnapshot, conflictTolerance: Double) throws -> MergeSummary {
            try base.apply(snapshot, conflictTolerance: conflictTolerance)
        }
    }

    /// Collects runner events.
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [RunnerEvent] = []
        func add(_ event: RunnerEvent) { lock.withLock { events.append(event) } }
        var notRecorded: Int {
            lock.withLock { events.filter { if case .notRecorded = $0 { return true } else { return false } }.count }
        }
        var failed: Int {
            lock.withLock {
                events.filter { if case let .finished(_, _, status, _, _, _) = $0 { return status != .done } else { return false } }.count
            }
        }
    }

    @Test(arguments: StoreKind.allCases, [false, true])
    func runsThatCannotBeRecordedAreSaidSoAndRetried(kind: StoreKind, endFails: Bool) throws {
        let base = try kind.make()
        let plan = try LabFixtures.plan()
        let unclaimable: Set<String> = [plan.jobs[1].key, plan.jobs[4].key]
        let events = Events()
        // The first runner is a process that has since exited (as a `run` killed by the full disk
        // would be): its claims lapse with it.
        let full = FullDiskStore(base: base, endFails: endFails, unclaimable: unclaimable)
        let first = try SweepRunner(store: full, options: .init(jobs: 2), owner: LabFixtures.deadOwner(),
                                    train: LabFixtures.FakeTrainer().function, observer: { events.add($0) }).run(plan)
        #expect(first.notRecorded == plan.jobs.count)
        #expect(first.failedNow == 0 && first.doneNow == 0)
        #expect(first.exitStatus == 1)
        #expect(first.description.contains("\(plan.jobs.count) not recorded (full.sqlite: the disk is full; the next run retries them)"))
        #expect(events.notRecorded == plan.jobs.count && events.failed == 0)
        // Nothing is stored as ended: every run is pending, interrupted, or running for a dead owner.
        let stored = try base.runs(RunFilter())
        #expect(stored.allSatisfy { [.pending, .running, .interrupted].contains($0.status) })
        #expect(stored.filter { unclaimable.contains($0.key) }.allSatisfy { $0.status == .pending })
        if !endFails {
            #expect(stored.filter { !unclaimable.contains($0.key) }.allSatisfy { $0.status == .interrupted })
        }
        // With room again, the next sweep runs all of them.
        let dispositions = try plan.dispositions(in: base, policy: ClaimPolicy())
        #expect(dispositions.allSatisfy { $0.willRun })
        let second = try SweepRunner(store: base, options: .init(jobs: 2), train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(second.doneNow == plan.jobs.count && second.exitStatus == 0)
    }
}
