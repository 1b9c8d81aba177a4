/// Names of the per-epoch scalars a run records (the `scalars` table).
public enum ScalarName: String, Codable, Sendable, CaseIterable {
    case trainLoss = "train_loss"
    case trainMSE = "train_mse"
    case validMSE = "valid_mse"
    case validRMSE = "valid_rmse"
    case validMAE = "valid_mae"
    case epochSeconds = "epoch_seconds"
    case validationSeconds = "validation_seconds"
}
