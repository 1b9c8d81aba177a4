import MFAECore

/// Names of the final metrics of a run: one vocabulary for the store's `metrics` table, `train
/// --json`, `export` and reports.
public enum MetricName: String, Codable, Sendable, CaseIterable {
    /// The epoch whose parameters were kept (0 for closed-form baselines).
    case bestEpoch = "best_epoch"
    /// Epochs actually trained (early stopping may end before the maximum).
    case epochsRun = "epochs_run"
    /// Validation MSE with the kept parameters.
    case validMSE = "valid_mse"
    /// Validation RMSE with the kept parameters: what configurations are chosen by.
    case validRMSE = "valid_rmse"
    /// Validation MAE with the kept parameters.
    case validMAE = "valid_mae"
    /// Test mean squared error with the kept parameters.
    case testMSE = "test_mse"
    /// Test root mean squared error with the kept parameters.
    case testRMSE = "test_rmse"
    /// Test mean absolute error with the kept parameters.
    case testMAE = "test_mae"
    /// Number of test ratings scored.
    case testCount = "test_count"
    /// Wall seconds of the whole fit.
    case trainSeconds = "train_seconds"
    /// Median wall seconds of a training epoch (absent for closed-form baselines).
    case epochSecondsMedian = "epoch_seconds_median"
    /// Milliseconds to fold in one new user (heldout protocol only): the encoder pass of the
    /// autoencoder, the per-user ridge solve of MF.
    case foldInMillisecondsPerUser = "fold_in_ms_per_user"
    /// Number of ratings trained on.
    case trainRatings = "train_ratings"

    /// The final metrics of `result`, by name. NaN values are left out, and so is the median epoch
    /// time of a closed-form baseline, which trains no epochs.
    public static func values(of result: TrainingResult) -> [MetricName: Double] {
        var values: [MetricName: Double] = [
            .bestEpoch: Double(result.bestEpoch), .epochsRun: Double(result.epochs.count),
            .validMSE: result.valid.mse, .validRMSE: result.valid.rmse, .validMAE: result.valid.mae,
            .testMSE: result.test.mse, .testRMSE: result.test.rmse, .testMAE: result.test.mae,
            .testCount: Double(result.test.count), .trainSeconds: result.trainSeconds,
            .trainRatings: Double(result.trainRatings),
        ]
        if !result.epochs.isEmpty { values[.epochSecondsMedian] = result.epochSecondsMedian }
        if let foldIn = result.foldInMillisecondsPerUser { values[.foldInMillisecondsPerUser] = foldIn }
        return values.filter { !$0.value.isNaN }
    }
}
