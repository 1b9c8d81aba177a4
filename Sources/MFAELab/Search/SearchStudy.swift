import Foundation
import MFAECore

/// One model tuned for one protocol: a search's unit of proposals, pruning and verdict.
public struct SearchStudy: Sendable, Hashable, CustomStringConvertible {
    public var model: ModelKind
    public var evaluationProtocol: EvaluationProtocol
    /// `mfae warm`.
    public var description: String { "\(model) \(evaluationProtocol)" }
    /// The store group of its trials: `search mfae warm`.
    public var trialGroup: String { "search \(self)" }
    /// The store group of its winner's runs on the final seeds: `final mfae warm`.
    public var finalGroup: String { "final \(self)" }
    /// The store group of the unpruned winner's final runs, when an audited search picks another one.
    public var unprunedFinalGroup: String { "final \(self) unpruned" }
}

/// A trial: its place in its study, its values, its job and its pruning rule.
public struct SearchTrial: Sendable {
    public var study: SearchStudy
    /// 0-based index in the study.
    public var index: Int
    /// The wave it belongs to.
    public var wave: Int
    /// The searched keys' values.
    public var values: [String: JSONValue]
    /// What the runner runs (its key includes the search's name and pruner, see ``SearchPlan``).
    public var job: PlannedJob
}

/// How a trial ended, as the search sees it.
public struct TrialOutcome: Sendable, Equatable {
    /// The stored status (`done`, `pruned`, `diverged`, `failed`).
    public var status: RunStatus
    /// Validation RMSE per epoch as trained (the whole curve, also past an audited pruning epoch).
    public var curve: [Double]
    /// Seconds per epoch (training and validation), for the search's cost.
    public var epochSeconds: [Double]
    /// The epoch after which it was (or, audited, would have been) pruned.
    public var prunedAtEpoch: Int?
    /// The run's stored metrics (empty unless done).
    public var metrics: [String: Double]

    /// Whether the search treats it as pruned.
    public var isPruned: Bool { prunedAtEpoch != nil }
    /// The curve the search sees: cut where the trial was pruned.
    public var visibleCurve: [Double] { prunedAtEpoch.map { Array(curve.prefix($0)) } ?? curve }
    /// Best validation RMSE the search sees; +∞ for a failed or diverged trial.
    public var objective: Double {
        guard status == .done || status == .pruned else { return .infinity }
        return visibleCurve.filter(\.isFinite).min() ?? .infinity
    }
    /// Best validation RMSE of the whole run (what an unpruned search would see).
    public var unprunedObjective: Double {
        guard status == .done else { return .infinity }
        return curve.filter(\.isFinite).min() ?? .infinity
    }
    /// Seconds the search spent on it: up to the pruning epoch when pruned.
    public var prunedSeconds: Double { epochSeconds.prefix(prunedAtEpoch ?? epochSeconds.count).reduce(0, +) }
    /// Seconds it takes run to its own end.
    public var fullSeconds: Double { epochSeconds.reduce(0, +) }
}
