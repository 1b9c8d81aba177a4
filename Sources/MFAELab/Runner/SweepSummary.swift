/// What one `run` invocation did, for the closing line and the exit status.
public struct SweepSummary: Sendable, Equatable, CustomStringConvertible {
    /// Runs in this shard of the grid.
    public var total = 0
    /// Runs that finished in this invocation.
    public var doneNow = 0
    /// Runs skipped because they were done before.
    public var alreadyDone = 0
    /// Runs that failed (an error) in this invocation.
    public var failedNow = 0
    /// Runs that diverged in this invocation.
    public var divergedNow = 0
    /// Failed or diverged runs left as they were (no `--retry-failed`).
    public var failedBefore = 0
    /// Search trials stopped early by their pruning rule in this invocation.
    public var prunedNow = 0
    /// Runs stopped by Ctrl-C.
    public var interrupted = 0
    /// Runs another live process was running.
    public var runningElsewhere = 0
    /// Runs not started because the sweep was cancelled first.
    public var notStarted = 0
    /// Runs whose claim or outcome the store could not record (a full disk): not in the database as
    /// ended, so the next `run` retries them.
    public var notRecorded = 0
    /// Why the first of them could not be recorded.
    public var notRecordedReason: String?
    /// Wall seconds of the invocation.
    public var seconds = 0.0

    /// An empty summary.
    public init() {}

    /// Runs of the grid that are failed or diverged after this invocation.
    public var failures: Int { failedNow + divergedNow + failedBefore }

    /// Whether the sweep was cut short by Ctrl-C.
    public var wasInterrupted: Bool { interrupted > 0 || notStarted > 0 }

    /// The process exit status: 0 when every run is done (or running elsewhere), 1 when some run
    /// failed, diverged or could not be recorded, 130 when interrupted.
    public var exitStatus: Int32 {
        if wasInterrupted { return 130 }
        return failures > 0 || notRecorded > 0 ? 1 : 0
    }

    public var description: String {
        var parts = ["\(total) runs", "\(doneNow) done now", "\(alreadyDone) already done"]
        if prunedNow > 0 { parts.append("\(prunedNow) pruned") }
        if failedNow > 0 { parts.append("\(failedNow) failed") }
        if divergedNow > 0 { parts.append("\(divergedNow) diverged") }
        if failedBefore > 0 { parts.append("\(failedBefore) failed before (use --retry-failed)") }
        if interrupted > 0 { parts.append("\(interrupted) interrupted") }
        if notStarted > 0 { parts.append("\(notStarted) not started") }
        if notRecorded > 0 {
            parts.append("\(notRecorded) not recorded (\(notRecordedReason ?? "the database could not be written"); "
                         + "the next run retries them)")
        }
        if runningElsewhere > 0 { parts.append("\(runningElsewhere) running in another process") }
        return parts.joined(separator: ", ") + " in " + Self.duration(seconds)
    }

    /// `1h02m`, `3m05s`, `12.3s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}

import Foundation
