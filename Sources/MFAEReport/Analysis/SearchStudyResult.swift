import MFAECore
import MFAELab

/// One study of a search (a model under a protocol) as the report shows it: its trials and how
/// they ended, the winner the search picked, and the winner's runs on the final seeds.
///
/// Nothing here re-decides the search: outcomes, pruning epochs, objectives and winners are the
/// lab's own (``SearchPlan/waves(of:outcome:)``, ``TrialOutcome``, ``SearchPlan/winner(of:unpruned:)``).
public struct SearchStudyResult: Sendable {
    /// A trial with its outcome.
    public struct Trial: Sendable {
        /// The trial: index, wave, searched values.
        public var trial: SearchTrial
        /// How it ended.
        public var outcome: TrialOutcome

        /// The trial's number as its run label says it (`mfae warm trial 12: …`): its 0-based index.
        public var number: Int { trial.index }
        /// Whether it could win: completed and not pruned (nor, audited, would have been).
        public var isEligible: Bool { outcome.status == .done && !outcome.isPruned }
        /// Whether it ended without a finite objective (failed, diverged).
        public var isFailed: Bool { !outcome.objective.isFinite }
    }

    /// One point of the tuning curve: after trial `number`, the cumulative CPU seconds and the
    /// best validation RMSE of the eligible trials so far (nil before the first).
    public struct CurvePoint: Sendable, Equatable {
        /// Trial number (0-based, as run labels say).
        public var number: Int
        /// Epoch and validation seconds of trials 0…number (pruned ones up to their pruning epoch, or,
        /// for the unpruned curve, to their own end).
        public var cumulativeSeconds: Double
        /// Lowest validation RMSE so far.
        public var bestSoFar: Double?
    }

    /// The model and protocol.
    public var study: SearchStudy
    /// The searched keys.
    public var space: SearchSpace
    /// Trials planned for the study.
    public var plannedTrials: Int
    /// The trials that have ended, in index order.
    public var trials: [Trial]
    /// Whether every planned trial has ended (only then are there a winner and final runs).
    public var isComplete: Bool
    /// Whether the pruner was audited: pruned trials ran to the end, so the unpruned cost is known.
    public var isAudited: Bool
    /// The search's winner: the eligible trial with the lowest validation RMSE.
    public var winner: Trial?
    /// Audited searches: the trial an unpruned search of the same trials would pick.
    public var unprunedWinner: Trial?
    /// The winner's runs on the final seeds.
    public var finalGroup: ConfigurationGroup?
    /// The unpruned winner's runs on the final seeds, when it is another trial.
    public var unprunedFinalGroup: ConfigurationGroup?

    /// Trials that were pruned (or, audited, would have been).
    public var prunedCount: Int { trials.filter(\.outcome.isPruned).count }
    /// Trials that failed or diverged.
    public var failedCount: Int { trials.filter(\.isFailed).count }

    /// CPU seconds the search spent: epoch and validation seconds, pruned trials up to their pruning epoch.
    public var prunedSeconds: Double { trials.map(\.outcome.prunedSeconds).reduce(0, +) }
    /// CPU seconds of the same trials each run to its own end; known only for audited searches
    /// (otherwise pruned trials stopped, and what they would have cost is unknown).
    public var unprunedSeconds: Double? { isAudited ? trials.map(\.outcome.fullSeconds).reduce(0, +) : nil }

    /// The searched keys at whose edge the winner sits (``Distribution/isAtEdge(_:)``): the space
    /// should be widened there.
    public var edgeKeys: [String] {
        guard let winner else { return [] }
        return space.dimensions.compactMap { key, distribution in
            guard let value = winner.trial.values[key], distribution.isAtEdge(value) else { return nil }
            return key
        }
    }

    /// Best-so-far validation RMSE against trials and CPU seconds, as the search ran (pruned).
    public var tuningCurve: [CurvePoint] {
        var seconds = 0.0, best: Double?
        return trials.map { trial in
            seconds += trial.outcome.prunedSeconds
            if trial.isEligible, trial.outcome.objective.isFinite { best = min(best ?? .infinity, trial.outcome.objective) }
            return CurvePoint(number: trial.number, cumulativeSeconds: seconds, bestSoFar: best)
        }
    }

    /// Audited searches: the same trials run to their end, each judged on its whole curve.
    public var unprunedTuningCurve: [CurvePoint]? {
        guard isAudited else { return nil }
        var seconds = 0.0, best: Double?
        return trials.map { trial in
            seconds += trial.outcome.fullSeconds
            if trial.outcome.unprunedObjective.isFinite { best = min(best ?? .infinity, trial.outcome.unprunedObjective) }
            return CurvePoint(number: trial.number, cumulativeSeconds: seconds, bestSoFar: best)
        }
    }

    /// The best quarter (at least one) of the eligible trials by validation RMSE, best first.
    public var bestQuarter: [Trial] {
        let ranked = trials.filter { $0.isEligible && $0.outcome.objective.isFinite }.sorted {
            $0.outcome.objective != $1.outcome.objective ? $0.outcome.objective < $1.outcome.objective : $0.number < $1.number
        }
        return Array(ranked.prefix(max(1, (ranked.count + 3) / 4)))
    }

    /// How much the second half of the budget improved the best validation RMSE, and the trial
    /// that found the best: whether the budget has converged.
    public var convergence: (bestTrial: Int, lateImprovement: Double)? {
        guard let winner, isComplete else { return nil }
        let curve = tuningCurve
        let half = curve.prefix(max(1, plannedTrials / 2)).last?.bestSoFar
        return (winner.number, (half ?? winner.outcome.objective) - winner.outcome.objective)
    }
}
