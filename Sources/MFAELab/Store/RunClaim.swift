import Foundation
import MFAECore

/// What a runner may redo when it finds a run already in the store.
public struct ClaimPolicy: Sendable, Equatable {
    /// Re-run runs that are done (`--force`).
    public var force: Bool
    /// Re-run failed and diverged runs (`--retry-failed`).
    public var retryFailed: Bool
    /// Seconds without a heartbeat after which a `running` run is taken as abandoned.
    public var staleAfter: TimeInterval

    /// A policy; by default done, failed and diverged runs are kept and only unfinished ones redone.
    public init(force: Bool = false, retryFailed: Bool = false, staleAfter: TimeInterval = 60) {
        self.force = force; self.retryFailed = retryFailed; self.staleAfter = staleAfter
    }
}

/// How a planned run stands against the store, for `--dry-run` and the summary.
public enum RunDisposition: String, Sendable, CaseIterable {
    /// Not in the store, or pending: will run.
    case new
    /// Done: skipped (unless forced).
    case done
    /// Interrupted, abandoned by a killed runner, failed with `--retry-failed`, or forced: will run again.
    case retry
    /// Failed or diverged before: skipped without `--retry-failed`.
    case failed
    /// Running in another live process: skipped.
    case runningElsewhere = "running elsewhere"

    /// Whether a runner would claim and run it.
    public var willRun: Bool { self == .new || self == .retry }
}

/// The stored state of one run that a claim decision depends on.
struct StoredRunState: Sendable {
    var id: Int64
    var status: RunStatus
    var owner: Provenance?
    var heartbeat: Date?

    /// How a runner with `policy` treats this run at `now`.
    func disposition(policy: ClaimPolicy, now: Date) -> RunDisposition {
        switch status {
        case .pending: return .new
        case .interrupted: return .retry
        case .running:
            if let owner, owner.isAlive(heartbeat: heartbeat, now: now, staleAfter: policy.staleAfter) {
                return .runningElsewhere
            }
            return .retry
        case .done, .pruned: return policy.force ? .retry : .done
        case .failed, .diverged: return policy.retryFailed || policy.force ? .retry : .failed
        }
    }
}

/// The result of trying to claim a run.
public enum ClaimOutcome: Sendable, Equatable {
    /// The caller now owns the run (status `running`) and must finish, fail or interrupt it.
    case claimed(runID: Int64, attempt: Int)
    /// Not claimed; the disposition says why.
    case skipped(runID: Int64, RunDisposition)
}

/// A run to be recorded as pending before a sweep starts.
public struct PlannedRunRow: Sendable, Equatable {
    public var key: String
    /// `grid` or `baseline MODEL`.
    public var group: String
    public var label: String
    public var configuration: TrainingConfiguration
    public var datasetFingerprint: String

    /// Assembles a row.
    public init(key: String, group: String, label: String, configuration: TrainingConfiguration,
                datasetFingerprint: String) {
        self.key = key; self.group = group; self.label = label
        self.configuration = configuration; self.datasetFingerprint = datasetFingerprint
    }
}
