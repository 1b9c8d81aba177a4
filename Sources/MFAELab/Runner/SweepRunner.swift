import Foundation
import MFAECore

/// Runs a plan's jobs concurrently on dedicated threads (training is CPU-bound and must not starve
/// Swift's cooperative pool), claiming each run in the store first so that several processes can
/// share one database without running a key twice.
///
/// Each run is deterministic whatever the number of jobs: a run's numbers depend only on its
/// configuration and data. A failing or diverging run is recorded with its error and the sweep goes
/// on; ``cancel()`` (Ctrl-C) stops running runs, which are recorded as interrupted.
public final class SweepRunner: Sendable {
    /// Settings of a sweep.
    public struct Options: Sendable {
        /// Runs trained at once.
        public var jobs: Int
        /// What to redo.
        public var policy: ClaimPolicy
        /// Seconds between heartbeats of running runs.
        public var heartbeatInterval: TimeInterval

        /// Options; `jobs` defaults to the number of cores.
        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, policy: ClaimPolicy = ClaimPolicy(),
                    heartbeatInterval: TimeInterval = 10) {
            self.jobs = max(1, jobs); self.policy = policy; self.heartbeatInterval = heartbeatInterval
        }
    }

    private let store: any RunStore
    private let options: Options
    private let train: TrainFunction
    private let owner: Provenance
    private let observer: @Sendable (RunnerEvent) -> Void
    private let cancellation = CancellationFlag()

    /// A runner writing to `store` as `owner`.
    public init(store: any RunStore, options: Options = Options(), owner: Provenance = .current(),
                train: @escaping TrainFunction = TrainFunctions.trainer,
                observer: @escaping @Sendable (RunnerEvent) -> Void = { _ in }) {
        self.store = store; self.options = options; self.owner = owner; self.train = train; self.observer = observer
    }

    /// Stops the sweep: no new run starts, running runs stop at their next poll and are recorded as interrupted.
    public func cancel() { cancellation.cancel() }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { cancellation.isCancelled }

    /// Runs `plan`'s jobs (recording the plan first) and returns when all have ended or the sweep was cancelled.
    public func run(_ plan: SweepPlan) throws -> SweepSummary {
        _ = try plan.record(in: store)
        let started = Date()
        let queue = JobQueue(jobs: plan.jobs)
        let tally = Tally()
        let threadCount = min(options.jobs, max(plan.jobs.count, 1))
        let workers = (0 ..< threadCount).map { index in
            RunnerThread(name: "mfae-lab worker \(index)", stackSize: 8 << 20) { [self] in
                while !cancellation.isCancelled, let job = queue.next() {
                    runOne(job, data: plan.data, tally: tally)
                }
            }
        }
        let stopHeartbeat = DispatchSemaphore(value: 0)
        let heartbeat = startHeartbeat(stop: stopHeartbeat)
        for worker in workers { worker.wait() }
        stopHeartbeat.signal()
        heartbeat.wait()

        var summary = tally.summary
        summary.total = plan.jobs.count
        summary.notStarted = queue.remaining
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// A thread that refreshes this runner's heartbeats until `stop` is signalled.
    private func startHeartbeat(stop: DispatchSemaphore) -> RunnerThread {
        RunnerThread(name: "mfae-lab heartbeat") { [store, owner, options] in
            while stop.wait(timeout: .now() + options.heartbeatInterval) == .timedOut {
                try? store.heartbeat(owner: owner)
            }
        }
    }

    private func runOne(_ job: PlannedJob, data: RatingSet, tally: Tally) {
        let outcome: ClaimOutcome
        do {
            outcome = try store.claim(key: job.key, owner: owner, policy: options.policy)
        } catch {
            notRecorded(job, runID: 0, error: error, seconds: 0, tally: tally)
            return
        }
        switch outcome {
        case let .skipped(_, disposition):
            tally.add { summary in
                switch disposition {
                case .done: summary.alreadyDone += 1
                case .failed: summary.failedBefore += 1
                case .runningElsewhere: summary.runningElsewhere += 1
                case .new, .retry: break
                }
            }
            observer(.skipped(job: job, disposition: disposition))
        case let .claimed(runID, attempt):
            observer(.started(job: job, runID: runID, attempt: attempt))
            train(job, runID: runID, data: data, tally: tally)
        }
    }

    private func train(_ job: PlannedJob, runID: Int64, data: RatingSet, tally: Tally) {
        let start = Date()
        let flag = cancellation
        let pruned = CancellationFlag()
        var status = RunStatus.done
        var message: String?
        var metrics: [String: Double] = [:]
        var bestSoFar = Double.infinity, prunedAt: Int?
        do {
            let isStopped = { @Sendable in flag.isCancelled || pruned.isCancelled }
            let result = try train(job.run.configuration, data, isStopped) { [store, owner, observer] event in
                switch event {
                case let .started(epochs, _):
                    observer(.training(key: job.key, epochs: epochs))
                case let .epochEnded(record):
                    try? store.recordEpoch(runID: runID, owner: owner, epoch: record)
                    observer(.epoch(key: job.key, record: record))
                    bestSoFar = min(bestSoFar, record.valid.rmse)
                    if prunedAt == nil, let rule = job.pruning, rule.prunes(epoch: record.epoch, bestSoFar: bestSoFar) {
                        prunedAt = record.epoch
                        if !job.auditsPruning { pruned.cancel() }
                    }
                }
            }
            metrics = result.storedMetrics
            let seconds = Date().timeIntervalSince(start)
            let isRecorded: Bool
            do {
                isRecorded = try store.finish(runID: runID, owner: owner, result: result, wallSeconds: seconds)
            } catch {
                // The result could not be written (a full disk): release the claim if the store still
                // takes a small write, so that the next run retries it at once; otherwise the claim
                // lapses when this process ends.
                _ = try? store.end(runID: runID, owner: owner, status: .interrupted,
                                   error: "not recorded: \(error)", wallSeconds: seconds)
                notRecorded(job, runID: runID, error: error, seconds: seconds, tally: tally)
                return
            }
            if !isRecorded {
                // Another runner took the run over (this one looked dead: suspended past the heartbeat
                // limit); its result stands and this one is dropped.
                tally.add { $0.runningElsewhere += 1 }
                observer(.skipped(job: job, disposition: .runningElsewhere))
                return
            }
        } catch TrainingError.cancelled where pruned.isCancelled && !flag.isCancelled {
            status = .pruned
            message = "pruned after epoch \(prunedAt ?? 0): best validation RMSE \(bestSoFar) above the rung's threshold"
        } catch TrainingError.cancelled {
            status = .interrupted
            message = "interrupted"
        } catch let error as TrainingError {
            if case .diverged = error { status = .diverged } else { status = .failed }
            message = error.description
        } catch {
            status = .failed
            message = "\(error)"
        }
        let seconds = Date().timeIntervalSince(start)
        if status != .done, let message {
            do {
                try store.end(runID: runID, owner: owner, status: status, error: message, wallSeconds: seconds)
            } catch {
                notRecorded(job, runID: runID, error: error, seconds: seconds, tally: tally)
                return
            }
        }
        tally.add { summary in
            switch status {
            case .done: summary.doneNow += 1
            case .diverged: summary.divergedNow += 1
            case .interrupted: summary.interrupted += 1
            case .pruned: summary.prunedNow += 1
            default: summary.failedNow += 1
            }
        }
        observer(.finished(job: job, runID: runID, status: status, metrics: metrics, error: message, seconds: seconds))
    }
}

extension SweepRunner {
    /// Counts and reports a run whose claim or outcome the store could not record.
    private func notRecorded(_ job: PlannedJob, runID: Int64, error: Error, seconds: Double, tally: Tally) {
        let reason = "\(error)"
        tally.add { summary in
            summary.notRecorded += 1
            if summary.notRecordedReason == nil { summary.notRecordedReason = reason }
        }
        observer(.notRecorded(job: job, runID: runID, reason: reason, seconds: seconds))
    }
}

/// The jobs not yet taken, shared by the worker threads.
private final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let jobs: [PlannedJob]
    private var position = 0

    init(jobs: [PlannedJob]) { self.jobs = jobs }

    func next() -> PlannedJob? {
        lock.lock()
        defer { lock.unlock() }
        guard position < jobs.count else { return nil }
        position += 1
        return jobs[position - 1]
    }

    var remaining: Int {
        lock.lock()
        defer { lock.unlock() }
        return jobs.count - position
    }
}

/// The summary, updated by the worker threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = SweepSummary()

    func add(_ change: (inout SweepSummary) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }

    var summary: SweepSummary {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
