import Foundation
import MFAECore
import Testing
@testable import MFAELab

@Suite("Run store (both implementations)")
struct RunStoreTests {
    let owner = Provenance(gitRevision: "abc1234", host: ProcessInfo.processInfo.hostName,
                           pid: ProcessInfo.processInfo.processIdentifier)

    /// Records the default plan in `store`; returns the plan.
    func recordedPlan(in store: any RunStore) throws -> SweepPlan {
        let plan = try LabFixtures.plan()
        _ = try plan.record(in: store)
        return plan
    }

    func result(for configuration: TrainingConfiguration) throws -> TrainingResult {
        try LabFixtures.FakeTrainer().function(configuration, LabFixtures.ratings, { false }, { _ in })
    }

    @Test(arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        let experiments = try store.experiments()
        #expect(experiments.map(\.name) == ["test"])
        #expect(experiments.first?.spec == plan.specText)
        let all = try store.runs(RunFilter())
        #expect(all.count == plan.jobs.count)
        #expect(all.allSatisfy { $0.status == .pending && $0.experiment == "test" })
        #expect(try store.dataset(fingerprint: plan.fingerprint)?.itemTitles == LabFixtures.ratings.itemTitles)

        let job = plan.jobs[0]
        guard case let .claimed(runID, attempt) = try store.claim(key: job.key, owner: owner, policy: ClaimPolicy()) else {
            Issue.record("not claimed"); return
        }
        #expect(attempt == 1)
        let result = try result(for: job.run.configuration)
        try store.recordEpoch(runID: runID, owner: owner, epoch: result.epochs[0])
        #expect(try store.scalars(runID: runID).count == ScalarName.allCases.count)
        #expect(try store.finish(runID: runID, owner: owner, result: result, wallSeconds: 1.5))

        let stored = try store.run(matching: String(job.key.prefix(10)))
        #expect(stored.id == runID)
        #expect(stored.status == .done)
        #expect(stored.configuration == job.run.configuration)
        #expect(stored.wallSeconds == 1.5)
        #expect(stored.provenance?.gitRevision == "abc1234")
        #expect(stored.metric(.testRMSE) == result.test.rmse)
        #expect(stored.metric(.bestEpoch) == Double(result.bestEpoch))
        let scalars = try store.scalars(runID: runID)
        #expect(scalars.count == result.epochs.count * ScalarName.allCases.count)
        #expect(scalars.first { $0.step == 2 && $0.name == "valid_rmse" }?.value == result.epochs[1].valid.rmse)
        #expect(try store.itemParameters(runID: runID) == result.items)
        #expect(try store.runs(RunFilter(status: .done)).map(\.id) == [runID])
        #expect(try store.runs(RunFilter(experiment: "nope")).isEmpty)
        #expect(try store.memberships(experimentID: experiments[0].id).count == plan.jobs.count)
    }

    @Test(arguments: StoreKind.allCases)
    func recordingAPlanTwiceAddsNothing(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        _ = try plan.record(in: store)
        #expect(try store.runs(RunFilter()).count == plan.jobs.count)
        #expect(try store.experiments().count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func claimsFollowThePolicy(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        let key = plan.jobs[0].key
        guard case let .claimed(runID, _) = try store.claim(key: key, owner: owner, policy: ClaimPolicy()) else {
            Issue.record("not claimed"); return
        }
        // A second runner (alive: this process) must not run it at the same time.
        let other = Provenance(gitRevision: nil, host: owner.host, pid: owner.pid)
        #expect(try store.claim(key: key, owner: other, policy: ClaimPolicy(force: true)) == .skipped(runID: runID, .runningElsewhere))
        try store.finish(runID: runID, owner: owner, result: result(for: plan.jobs[0].run.configuration), wallSeconds: 1)
        #expect(try store.claim(key: key, owner: other, policy: ClaimPolicy()) == .skipped(runID: runID, .done))
        #expect(try store.claim(key: key, owner: other, policy: ClaimPolicy(force: true)) == .claimed(runID: runID, attempt: 2))
        // A forced re-run starts from nothing.
        #expect(try store.scalars(runID: runID).isEmpty)
        #expect(try store.itemParameters(runID: runID) == nil)
        // Only the owner may end it.
        #expect(try !store.end(runID: runID, owner: owner, status: .failed, error: "x", wallSeconds: 0))
        #expect(try store.end(runID: runID, owner: other, status: .failed, error: "boom", wallSeconds: 0))
        #expect(try store.claim(key: key, owner: owner, policy: ClaimPolicy()) == .skipped(runID: runID, .failed))
        #expect(try store.claim(key: key, owner: owner, policy: ClaimPolicy(retryFailed: true)) == .claimed(runID: runID, attempt: 3))
    }

    @Test(arguments: StoreKind.allCases)
    func aRunLeftRunningByADeadProcessIsRedone(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        let key = plan.jobs[1].key
        let dead = LabFixtures.deadOwner()
        guard case let .claimed(runID, _) = try store.claim(key: key, owner: dead, policy: ClaimPolicy()) else {
            Issue.record("not claimed"); return
        }
        try store.recordEpoch(runID: runID, owner: dead, epoch: result(for: plan.jobs[1].run.configuration).epochs[0])
        #expect(try store.dispositions(keys: [key], policy: ClaimPolicy())[key] == .retry)
        #expect(try store.claim(key: key, owner: owner, policy: ClaimPolicy()) == .claimed(runID: runID, attempt: 2))
        #expect(try store.scalars(runID: runID).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aRunWithAStaleHeartbeatIsRedone(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        let key = plan.jobs[0].key
        let elsewhere = Provenance(gitRevision: nil, host: "another-host", pid: 1)
        _ = try store.claim(key: key, owner: elsewhere, policy: ClaimPolicy())
        #expect(try store.dispositions(keys: [key], policy: ClaimPolicy())[key] == .runningElsewhere)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try store.dispositions(keys: [key], policy: ClaimPolicy(staleAfter: 0.01))[key] == .retry)
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedRunLeavesEarlierRowsIntact(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try recordedPlan(in: store)
        var done: [Int64] = []
        for job in plan.jobs.prefix(2) {
            guard case let .claimed(runID, _) = try store.claim(key: job.key, owner: owner, policy: ClaimPolicy()) else { continue }
            try store.finish(runID: runID, owner: owner, result: result(for: job.run.configuration), wallSeconds: 1)
            done.append(runID)
        }
        let before = try done.map { (try store.metrics(runID: $0), try store.scalars(runID: $0)) }
        guard case let .claimed(failing, _) = try store.claim(key: plan.jobs[2].key, owner: owner, policy: ClaimPolicy()) else {
            Issue.record("not claimed"); return
        }
        try store.end(runID: failing, owner: owner, status: .diverged, error: "diverged at epoch 2", wallSeconds: 0.5)
        let after = try done.map { (try store.metrics(runID: $0), try store.scalars(runID: $0)) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(before.map(\.1) == after.map(\.1))
        let failed = try #require(try store.run(id: failing))
        #expect(failed.status == .diverged && failed.error == "diverged at epoch 2")
    }

    @Test(arguments: StoreKind.allCases)
    func shardDatabasesMergeIntoTheWhole(kind: StoreKind) throws {
        let text = LabFixtures.specText()
        let shards = try (0 ..< 3).map { index -> any RunStore in
            let store = try kind.make()
            let plan = try LabFixtures.plan(text, shard: Shard(index: index, count: 3))
            let runner = SweepRunner(store: store, options: .init(jobs: 1), owner: owner,
                                     train: LabFixtures.FakeTrainer().function)
            #expect(try runner.run(plan).doneNow == plan.jobs.count)
            return store
        }
        let target = try kind.make()
        let summary = try target.merge(from: shards)
        let whole = try LabFixtures.plan(text)
        #expect(summary.added == whole.jobs.count)
        let merged = try target.runs(RunFilter())
        #expect(Set(merged.map(\.key)) == Set(whole.jobs.map(\.key)))
        #expect(merged.allSatisfy { $0.status == .done && !$0.metrics.isEmpty })
        #expect(try target.experiments().count == 1)
        #expect(try target.memberships(experimentID: nil).count == whole.jobs.count)
        let latent = try #require(merged.first { $0.configuration.model == .mfae })
        #expect(try target.itemParameters(runID: latent.id) != nil)
        #expect(try target.scalars(runID: latent.id).count == 3 * ScalarName.allCases.count)
        // Merging again changes nothing.
        let again = try target.merge(from: shards)
        #expect(again.added == 0 && again.unchanged == whole.jobs.count)
    }

    @Test(arguments: StoreKind.allCases)
    func conflictingResultsAreRefusedAndNothingIsWritten(kind: StoreKind) throws {
        let plan = try LabFixtures.plan()
        let honest = try kind.make()
        _ = try SweepRunner(store: honest, options: .init(jobs: 1), owner: owner,
                            train: LabFixtures.FakeTrainer().function).run(plan)
        let tampered = try kind.make()
        _ = try plan.record(in: tampered)
        let job = plan.jobs[0]
        guard case let .claimed(runID, _) = try tampered.claim(key: job.key, owner: owner, policy: ClaimPolicy()) else { return }
        var result = try result(for: job.run.configuration)
        result.test.rmse += 0.01
        try tampered.finish(runID: runID, owner: owner, result: result, wallSeconds: 1)

        let target = try kind.make()
        #expect(throws: LabError.mergeConflict(keys: [job.key])) { try target.merge(from: [honest, tampered]) }
        #expect(try target.runs(RunFilter()).isEmpty)
        _ = try target.merge(from: [honest])
        #expect(throws: LabError.self) { try target.merge(from: [tampered]) }
        #expect(try target.run(matching: String(job.key.prefix(8))).metric(.testRMSE) == honest.run(matching: String(job.key.prefix(8))).metric(.testRMSE))
    }

    @Test(arguments: StoreKind.allCases)
    func aDoneRunReplacesAnInterruptedOneOnMerge(kind: StoreKind) throws {
        let plan = try LabFixtures.plan()
        let finished = try kind.make()
        _ = try SweepRunner(store: finished, options: .init(jobs: 1), owner: owner,
                            train: LabFixtures.FakeTrainer().function).run(plan)
        let target = try kind.make()
        _ = try plan.record(in: target)
        guard case let .claimed(runID, _) = try target.claim(key: plan.jobs[0].key, owner: owner, policy: ClaimPolicy()) else { return }
        try target.end(runID: runID, owner: owner, status: .interrupted, error: "interrupted", wallSeconds: 0)
        let summary = try target.merge(from: [finished])
        #expect(summary.replaced == plan.jobs.count)
        #expect(try target.run(id: runID)?.status == .done)
    }

    @Test func runLookupByIdOrKeyPrefix() throws {
        let store = InMemoryRunStore()
        let plan = try recordedPlan(in: store)
        #expect(try store.run(matching: "1").key == plan.jobs[0].key)
        #expect(throws: LabError.runNotFound("zzzzzz")) { try store.run(matching: "zzzzzz") }
        #expect(throws: LabError.runNotFound("999")) { try store.run(matching: "999") }
    }
}
