/// Where a run stands, as the run store records it.
public enum ReportRunStatus: String, CaseIterable, Codable, Sendable {
    /// Finished with test metrics.
    case completed
    /// Stopped by an error other than divergence.
    case failed
    /// Stopped because the loss became NaN or infinite.
    case diverged
    /// Stopped from outside (Ctrl-C) or abandoned by a killed runner.
    case cancelled
    /// Planned, or still running: counted, not reported.
    case pending
}
