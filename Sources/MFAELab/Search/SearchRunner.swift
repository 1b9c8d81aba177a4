import Foundation
import MFAECore

/// Runs a spec's search: wave after wave of every study's trials (each wave proposed from the
/// stored outcomes of the completed ones), then each study's winner on the final seeds. Trials and
/// final runs go through a ``SweepRunner``, so they are claimed, resumable and parallel like any run.
public final class SearchRunner: Sendable {
    private let store: any RunStore
    private let runner: SweepRunner
    /// Seconds to wait before looking again when another process is running trials of a wave.
    private let pollInterval: TimeInterval

    /// A search runner writing to `store` with the sweep runner's options, owner and observer.
    public init(store: any RunStore, runner: SweepRunner, pollInterval: TimeInterval = 2) {
        self.store = store; self.runner = runner; self.pollInterval = pollInterval
    }

    /// Stops the search as ``SweepRunner/cancel()`` stops a sweep.
    public func cancel() { runner.cancel() }

    /// Runs the search of `spec` (which must have one) on `data`, for the studies of `shard`.
    public func run(spec: ExperimentSpec, specText: String, data: RatingSet, fingerprint: String,
                    shard: Shard = .whole) throws -> SweepSummary {
        let plan = SearchPlan(spec: spec, fingerprint: fingerprint, shard: shard)
        var summary = SweepSummary()
        let started = Date()
        while !runner.isCancelled {
            var pending: [PlannedJob] = []
            for study in plan.studies {
                let waves = try plan.waves(of: study, outcome: outcome)
                guard let last = waves.last else { continue }
                pending += zip(last.trials, last.outcomes).filter { $0.1 == nil }.map(\.0.job)
            }
            if pending.isEmpty { break }
            let wave = try runner.run(SweepPlan(spec: spec, specText: specText, data: data, fingerprint: fingerprint,
                                                jobs: pending))
            summary.add(wave)
            // An interrupted trial (Ctrl-C, a trainer that gave up) stops the search: the next `run` resumes it.
            if wave.interrupted > 0 || wave.notStarted > 0 { break }
            if wave.runningElsewhere > 0 && !runner.isCancelled { Thread.sleep(forTimeInterval: pollInterval) }
            if wave.failedBefore > 0 && wave.failedBefore == pending.count { break }
        }
        if !runner.isCancelled && summary.interrupted == 0 {
            let finals = try finalJobs(plan)
            if !finals.isEmpty {
                summary.add(try runner.run(SweepPlan(spec: spec, specText: specText, data: data,
                                                     fingerprint: fingerprint, jobs: finals)))
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Every study's winner (and, for an audited search, the unpruned winner when it differs) on
    /// the final seeds; a study whose trials have not all ended has none yet.
    func finalJobs(_ plan: SearchPlan) throws -> [PlannedJob] {
        var jobs: [PlannedJob] = []
        for study in plan.studies {
            let trials = try SearchResults.endedTrials(of: study, in: plan, outcome: outcome)
            guard let trials, let winner = SearchPlan.winner(of: trials) else { continue }
            jobs += try plan.finalJobs(for: winner.0, group: study.finalGroup)
            if plan.search.pruner.audit, let unpruned = SearchPlan.winner(of: trials, unpruned: true),
               unpruned.0.index != winner.0.index {
                jobs += try plan.finalJobs(for: unpruned.0, group: study.unprunedFinalGroup)
            }
        }
        return jobs
    }

    /// A trial's outcome from the store, or nil while it has not ended.
    func outcome(_ trial: SearchTrial, rule: PruningRule) throws -> TrialOutcome? {
        try SearchResults.outcome(of: trial, rule: rule, in: store)
    }
}

/// Reading a search's trials back from a store (the runner, `run --dry-run` and reports share it).
public enum SearchResults {
    /// A trial's outcome, or nil when it is not stored or has not ended (pending, running, interrupted).
    public static func outcome(of trial: SearchTrial, rule: PruningRule, in store: any RunStore) throws -> TrialOutcome? {
        guard let run = try store.runs(keyPrefix: trial.job.key).first(where: { $0.key == trial.job.key }) else { return nil }
        switch run.status {
        case .done, .pruned, .failed, .diverged: break
        case .pending, .running, .interrupted: return nil
        }
        var curve: [Int: Double] = [:], seconds: [Int: Double] = [:]
        for scalar in try store.scalars(runID: run.id) {
            if scalar.name == ScalarName.validRMSE.rawValue { curve[scalar.step] = scalar.value }
            if scalar.name == ScalarName.epochSeconds.rawValue || scalar.name == ScalarName.validationSeconds.rawValue {
                seconds[scalar.step, default: 0] += scalar.value
            }
        }
        let steps = curve.keys.sorted()
        let values = steps.map { curve[$0] ?? .nan }
        return TrialOutcome(status: run.status, curve: values, epochSeconds: steps.map { seconds[$0] ?? 0 },
                            prunedAtEpoch: run.status == .done || run.status == .pruned ? rule.pruningEpoch(of: values) : nil,
                            metrics: run.metrics)
    }

    /// Every trial of `study` with its outcome, when all have ended; nil otherwise.
    public static func endedTrials(of study: SearchStudy, in plan: SearchPlan,
                                   outcome: (SearchTrial, PruningRule) throws -> TrialOutcome?) throws
        -> [(SearchTrial, TrialOutcome)]? {
        let waves = try plan.waves(of: study, outcome: outcome)
        guard waves.count == plan.search.waves.count else { return nil }
        var result: [(SearchTrial, TrialOutcome)] = []
        for wave in waves {
            for (trial, ended) in zip(wave.trials, wave.outcomes) {
                guard let ended else { return nil }
                result.append((trial, ended))
            }
        }
        return result
    }
}

extension SweepSummary {
    /// Adds another invocation's counts (a search runs several sweeps).
    public mutating func add(_ other: SweepSummary) {
        total += other.total
        doneNow += other.doneNow
        alreadyDone += other.alreadyDone
        failedNow += other.failedNow
        divergedNow += other.divergedNow
        failedBefore += other.failedBefore
        prunedNow += other.prunedNow
        interrupted += other.interrupted
        runningElsewhere += other.runningElsewhere
        notStarted += other.notStarted
        seconds += other.seconds
    }
}
