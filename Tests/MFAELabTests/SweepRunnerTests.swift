import Foundation
import MFAECore
import Testing
@testable import MFAELab

@Suite("Sweep runner")
struct SweepRunnerTests {
    func sqlitePath() throws -> String {
        try LabFixtures.temporaryDirectory().appendingPathComponent("lab.sqlite").path
    }

    @Test(arguments: StoreKind.allCases)
    func resumeSkipsDoneRuns(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan()
        let trainer = LabFixtures.FakeTrainer()
        let first = try SweepRunner(store: store, options: .init(jobs: 2), train: trainer.function).run(plan)
        #expect(first.doneNow == plan.jobs.count)
        #expect(first.exitStatus == 0)
        #expect(trainer.callCount == plan.jobs.count)
        let second = try SweepRunner(store: store, options: .init(jobs: 2), train: trainer.function).run(plan)
        #expect(second.alreadyDone == plan.jobs.count && second.doneNow == 0)
        #expect(trainer.callCount == plan.jobs.count)
        let forced = try SweepRunner(store: store, options: .init(jobs: 2, policy: ClaimPolicy(force: true)),
                                     train: trainer.function).run(plan)
        #expect(forced.doneNow == plan.jobs.count)
        #expect(trainer.callCount == 2 * plan.jobs.count)
    }

    @Test(arguments: StoreKind.allCases)
    func aRunKilledMidwayIsRedoneAndNothingElse(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan()
        // A runner ran every run but one, then was killed (-9) during the last: its row stays `running`
        // with a dead owner and some epochs recorded.
        let killed = plan.jobs[3]
        let trainer = LabFixtures.FakeTrainer()
        _ = try plan.record(in: store)
        let dead = LabFixtures.deadOwner()
        for job in plan.jobs where job != killed {
            guard case let .claimed(runID, _) = try store.claim(key: job.key, owner: dead, policy: ClaimPolicy()) else { continue }
            let result = try trainer.function(job.run.configuration, LabFixtures.ratings, { false }, { _ in })
            try store.finish(runID: runID, owner: dead, result: result, wallSeconds: 1)
        }
        guard case let .claimed(killedID, _) = try store.claim(key: killed.key, owner: dead, policy: ClaimPolicy()) else { return }
        let partial = try trainer.function(killed.run.configuration, LabFixtures.ratings, { false }, { _ in })
        try store.recordEpoch(runID: killedID, owner: dead, epoch: partial.epochs[0])

        let dispositions = try plan.dispositions(in: store, policy: ClaimPolicy())
        #expect(dispositions.filter { $0 == .retry }.count == 1)
        let rerun = LabFixtures.FakeTrainer()
        let summary = try SweepRunner(store: store, options: .init(jobs: 2), train: rerun.function).run(plan)
        #expect(rerun.calls == [killed.run.configuration])
        #expect(summary.doneNow == 1 && summary.alreadyDone == plan.jobs.count - 1)
        let redone = try #require(try store.run(id: killedID))
        #expect(redone.status == .done && redone.attempts == 2)
        #expect(try store.scalars(runID: killedID).count == killed.run.configuration.epochs * ScalarName.allCases.count)
    }

    @Test func twoConcurrentRunnersOnOneDatabaseRunEachKeyOnce() throws {
        let path = try sqlitePath()
        let plan = try LabFixtures.plan()
        let trainers = [LabFixtures.FakeTrainer(epochDelay: 0.005), LabFixtures.FakeTrainer(epochDelay: 0.005)]
        let summaries = SummaryLog()
        let group = DispatchGroup()
        for trainer in trainers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    // Each runner opens its own pool, as a second process would.
                    let store = try SQLiteRunStore(path: path)
                    let owner = Provenance(gitRevision: nil, host: ProcessInfo.processInfo.hostName,
                                           pid: ProcessInfo.processInfo.processIdentifier)
                    summaries.add(try SweepRunner(store: store, options: .init(jobs: 2), owner: owner,
                                                  train: trainer.function).run(plan))
                } catch {
                    summaries.fail("\(error)")
                }
            }
            thread.start()
        }
        group.wait()
        #expect(summaries.errors.isEmpty)
        let calls = trainers.flatMap(\.calls)
        #expect(calls.count == plan.jobs.count)
        #expect(Set(calls).count == plan.jobs.count)
        #expect(summaries.values.reduce(0) { $0 + $1.doneNow } == plan.jobs.count)
        let runs = try SQLiteRunStore(path: path).runs(RunFilter())
        #expect(runs.count == plan.jobs.count)
        #expect(runs.allSatisfy { $0.status == .done && $0.attempts == 1 })
    }

    @Test(arguments: StoreKind.allCases)
    func aDivergingRunIsRecordedWhileOthersFinish(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan(LabFixtures.specText(sweep: #"{"lr": [0.01, 1.0]}"#, seeds: "[0]", baselines: "[]"))
        let summary = try SweepRunner(store: store, options: .init(jobs: 2),
                                      train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(summary.divergedNow == 1 && summary.doneNow == 1)
        #expect(summary.exitStatus == 1)
        let diverged = try store.runs(RunFilter(status: .diverged))
        #expect(diverged.count == 1)
        #expect(diverged.first?.configuration.learningRate == 1.0)
        #expect(diverged.first?.error?.contains("diverged at epoch 1") == true)
        // Failed runs are kept until asked: a resume leaves them, --retry-failed redoes them.
        let resumed = try SweepRunner(store: store, train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(resumed.failedBefore == 1 && resumed.exitStatus == 1)
        let retried = try SweepRunner(store: store, options: .init(policy: ClaimPolicy(retryFailed: true)),
                                      train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(retried.divergedNow == 1 && retried.alreadyDone == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aFailingRunIsRecordedWithItsError(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan()
        let summary = try SweepRunner(store: store, train: LabFixtures.FakeTrainer(failingModel: .mf).function).run(plan)
        let failed = try store.runs(RunFilter(status: .failed))
        #expect(summary.failedNow == failed.count && !failed.isEmpty)
        #expect(failed.allSatisfy { $0.configuration.model == .mf && $0.error == "injected failure" })
        #expect(summary.doneNow == plan.jobs.count - failed.count)
        #expect(summary.description.contains("\(failed.count) failed"))
    }

    @Test(arguments: StoreKind.allCases)
    func cancellingMarksRunningRunsInterruptedAndKeepsTheRest(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan()
        let epochs = EpochCounter()
        let runner = SweepRunner(store: store, options: .init(jobs: 2),
                                 train: LabFixtures.FakeTrainer(epochDelay: 0.02).function) { event in
            if case .epoch = event { _ = epochs.increment() }
        }
        let canceller = Thread {
            while epochs.value < 4 { Thread.sleep(forTimeInterval: 0.005) }
            runner.cancel()
        }
        canceller.start()
        let summary = try runner.run(plan)
        #expect(summary.wasInterrupted && summary.exitStatus == 130)
        #expect(summary.interrupted >= 1)
        let interrupted = try store.runs(RunFilter(status: .interrupted))
        #expect(interrupted.count == summary.interrupted)
        #expect(try store.runs(RunFilter(status: .running)).isEmpty)
        // The next run finishes exactly what was left.
        let trainer = LabFixtures.FakeTrainer()
        let resumed = try SweepRunner(store: store, train: trainer.function).run(plan)
        #expect(resumed.doneNow == plan.jobs.count - summary.doneNow)
        #expect(trainer.callCount == resumed.doneNow)
        #expect(try store.runs(RunFilter(status: .done)).count == plan.jobs.count)
    }
}

@Suite("Sweeps with the real trainer")
struct RealTrainerSweepTests {
    /// Small synthetic data and a short grid, so that the debug build runs it in seconds.
    static let text = #"""
        {"name": "determinism", "dataset": {"synthetic": {"users": 120, "items": 80, "ratings": 3000, "seed": 3}},
         "base": {"k": 3, "epochs": 3, "batch_size": 256, "lr": 0.03, "init_scale": 0.01},
         "sweep": {"mask_fraction": [0, 0.5], "protocol": ["warm", "heldout"]}, "seeds": [0, 1],
         "baselines": [{"model": "mf"}, {"model": "item_bias"}]}
        """#

    static func plan() throws -> SweepPlan {
        let spec = try ExperimentSpec.parse(Data(text.utf8))
        let data = try spec.dataset.load(dataDirectory: FileManager.default.temporaryDirectory) { _ in }
        return try SweepPlan(spec: spec, specText: text, data: data)
    }

    /// Final metrics by run key, timings left out.
    static func metrics(_ store: any RunStore) throws -> [String: [String: Double]] {
        let timings = Set(MetricName.allCases.filter(\.isMachineDependent).map(\.rawValue))
        return try store.runs(RunFilter()).reduce(into: [:]) { result, run in
            result[run.key] = run.metrics.filter { !timings.contains($0.key) }
        }
    }

    @Test func oneJobAndTwoJobsGiveIdenticalMetrics() throws {
        let plan = try Self.plan()
        let one = InMemoryRunStore(), two = InMemoryRunStore()
        let first = try SweepRunner(store: one, options: .init(jobs: 1)).run(plan)
        let second = try SweepRunner(store: two, options: .init(jobs: 2)).run(plan)
        #expect(first.doneNow == plan.jobs.count && second.doneNow == plan.jobs.count)
        let a = try Self.metrics(one), b = try Self.metrics(two)
        #expect(a.count == plan.jobs.count)
        #expect(a == b)
        #expect(a.values.allSatisfy { $0["test_rmse"] != nil })
        // Item vectors too, bit for bit.
        for run in try one.runs(RunFilter()) where run.configuration.model.isLatent {
            let other = try #require(try two.runs(keyPrefix: run.key).first)
            #expect(try one.itemParameters(runID: run.id) == two.itemParameters(runID: other.id))
        }
    }
}

final class SummaryLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [SweepSummary] = []
    private(set) var errors: [String] = []
    func add(_ summary: SweepSummary) { lock.withLock { values.append(summary) } }
    func fail(_ error: String) { lock.withLock { errors.append(error) } }
}

final class EpochCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.withLock { count += 1; return count } }
    var value: Int { lock.withLock { count } }
}
