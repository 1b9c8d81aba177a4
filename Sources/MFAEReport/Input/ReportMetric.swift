/// The names of the per-run measurements a report reads, as the run store spells them.
public enum ReportMetric: String, CaseIterable, Codable, Sendable {
    /// Test root mean squared error with the kept parameters.
    case testRMSE = "test_rmse"
    /// Test mean squared error.
    case testMSE = "test_mse"
    /// Test mean absolute error.
    case testMAE = "test_mae"
    /// Validation RMSE with the kept parameters: what configurations are chosen by.
    case validRMSE = "valid_rmse"
    /// Validation MSE.
    case validMSE = "valid_mse"
    /// Validation MAE.
    case validMAE = "valid_mae"
    /// The epoch whose parameters were kept (0 for closed-form baselines).
    case bestEpoch = "best_epoch"
    /// Median wall seconds of a training epoch.
    case epochSeconds = "epoch_seconds"
    /// Wall seconds of the whole fit.
    case trainSeconds = "train_seconds"
    /// Milliseconds to fold in one new user (heldout protocol): the encoder pass of the autoencoder,
    /// the per-user ridge solve of MF.
    case foldInMillisecondsPerUser = "foldin_ms_per_user"
    /// Number of ratings trained on.
    case trainRatings = "train_ratings"
}
