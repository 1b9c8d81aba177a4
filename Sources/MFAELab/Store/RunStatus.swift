/// Where a run stands in the store.
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

    public var description: String { rawValue }

    /// Whether the run ended with an error outcome (counted as failed in summaries and exit codes).
    public var isFailure: Bool { self == .failed || self == .diverged }
}

/// Names of the per-epoch scalars a run records.
public enum ScalarName: String, Codable, Sendable, CaseIterable {
    case trainLoss = "train_loss"
    case trainMSE = "train_mse"
    case validMSE = "valid_mse"
    case validRMSE = "valid_rmse"
    case validMAE = "valid_mae"
    case epochSeconds = "epoch_seconds"
    case validationSeconds = "validation_seconds"
}

/// Names of the final metrics a finished run records.
public enum MetricName: String, Codable, Sendable, CaseIterable {
    /// The epoch whose parameters were kept (0 for closed-form baselines).
    case bestEpoch = "best_epoch"
    /// Epochs actually trained (early stopping may end before the maximum).
    case epochsRun = "epochs_run"
    case validMSE = "valid_mse"
    case validRMSE = "valid_rmse"
    case validMAE = "valid_mae"
    case testMSE = "test_mse"
    case testRMSE = "test_rmse"
    case testMAE = "test_mae"
    /// Number of test ratings scored.
    case testCount = "test_count"
    case trainSeconds = "train_seconds"
    case epochSecondsMedian = "epoch_seconds_median"
    /// Milliseconds to fold in one test user (heldout protocol only).
    case foldInMillisecondsPerUser = "fold_in_ms_per_user"
    case trainRatings = "train_ratings"
}
