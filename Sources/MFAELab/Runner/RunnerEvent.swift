import MFAECore

/// What the runner reports while a sweep runs; a progress display observes these.
public enum RunnerEvent: Sendable {
    /// A run was claimed and starts training.
    case started(job: PlannedJob, runID: Int64, attempt: Int)
    /// The trainer is about to train for at most `epochs` epochs.
    case training(key: String, epochs: Int)
    /// A run finished an epoch.
    case epoch(key: String, record: EpochRecord)
    /// A run ended (done, failed, diverged or interrupted).
    case finished(job: PlannedJob, runID: Int64, status: RunStatus, metrics: [String: Double], error: String?,
                  seconds: Double)
    /// A run was not claimed: done, failed before, or running in another process.
    case skipped(job: PlannedJob, disposition: RunDisposition)
    /// The store could not record a run's claim or its outcome (a full disk, a damaged file): the
    /// database does not hold its result, and the next `run` retries it. `runID` is 0 when not even
    /// the claim was recorded.
    case notRecorded(job: PlannedJob, runID: Int64, reason: String, seconds: Double)
}
