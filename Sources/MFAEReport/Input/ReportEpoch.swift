import MFAECore

/// What one epoch of a run measured, as a report needs it.
public struct ReportEpoch: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean batch loss over the epoch (MSE + L2 prior).
    public var trainLoss: Double
    /// Mean batch MSE over the epoch, when recorded.
    public var trainMSE: Double?
    /// Validation RMSE after the epoch.
    public var validRMSE: Double
    /// Wall seconds of the epoch's training, when recorded.
    public var seconds: Double?

    /// An epoch from its measurements.
    public init(epoch: Int, trainLoss: Double, trainMSE: Double? = nil, validRMSE: Double, seconds: Double? = nil) {
        self.epoch = epoch; self.trainLoss = trainLoss; self.trainMSE = trainMSE
        self.validRMSE = validRMSE; self.seconds = seconds
    }

    /// The report's view of a trainer's ``EpochRecord``.
    public init(_ record: EpochRecord) {
        self.init(epoch: record.epoch, trainLoss: record.trainLoss, trainMSE: record.trainMSE,
                  validRMSE: record.valid.rmse, seconds: record.seconds)
    }
}
