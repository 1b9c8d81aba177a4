/// Where a run stands. The store, `runs --status`, exports and reports all use these names.
public enum RunStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Planned, not started.
    case pending
    /// Claimed by a live runner (see ``RunOwner``); one left by a killed process is treated as interrupted.
    case running
    /// Finished; its results are stored.
    case done
    /// Threw an error other than divergence; the error text is stored.
    case failed
    /// The loss became NaN or infinite.
    case diverged
    /// Stopped by Ctrl-C (or found abandoned by a killed runner); redone by the next `run`.
    case interrupted
    /// A search trial stopped early by its pruning rule; its curve is kept.
    case pruned

    public var description: String { rawValue }

    /// Whether the run has not ended: pending, running or interrupted (it will be run again).
    public var isUnfinished: Bool { self == .pending || self == .running || self == .interrupted }
}
