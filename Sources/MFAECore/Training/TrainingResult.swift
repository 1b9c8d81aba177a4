/// What one epoch measured.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean over the epoch's batches of the batch loss (MSE + L2 prior).
    public var trainLoss: Double
    /// Mean over the epoch's batches of the batch MSE alone.
    public var trainMSE: Double
    /// Validation metrics after the epoch.
    public var valid: Metrics
    /// Wall seconds of the epoch's training (without validation).
    public var seconds: Double
    /// Wall seconds of the epoch's validation pass.
    public var validationSeconds: Double
}

/// What the trainer reports while it runs; observers (a progress display, a store) react to it.
public enum TrainingEvent: Sendable {
    /// Training is about to start; `epochs` is the maximum number of epochs.
    case started(epochs: Int, trainRatings: Int)
    /// An epoch finished.
    case epochEnded(EpochRecord)
}

/// The trained item representation, kept so that introspection needs no re-training.
public struct ItemParameters: Codable, Sendable, Equatable {
    /// Latent dimensions.
    public var k: Int
    /// Decoder item biases, one per item.
    public var biases: [Float]
    /// Decoder item vectors, `itemCount × k`, row-major.
    public var vectors: [Float]

    /// Wraps trained tables.
    public init(k: Int, biases: [Float], vectors: [Float]) {
        precondition(vectors.count == biases.count * k)
        self.k = k; self.biases = biases; self.vectors = vectors
    }
}

/// Everything a finished run produced.
public struct TrainingResult: Codable, Sendable {
    /// The configuration that was run.
    public var configuration: TrainingConfiguration
    /// The epoch whose parameters were kept (best validation RMSE); 0 for closed-form baselines.
    public var bestEpoch: Int
    /// Per-epoch measurements, in order.
    public var epochs: [EpochRecord]
    /// Validation metrics with the kept parameters.
    public var valid: Metrics
    /// Test metrics with the kept parameters.
    public var test: Metrics
    /// Wall seconds of the whole fit (training, validation, restoring the best epoch).
    public var trainSeconds: Double
    /// Median seconds per training epoch.
    public var epochSecondsMedian: Double
    /// Milliseconds to fold in one test user (heldout only): encode for MFAE, ridge solve for MF.
    public var foldInMillisecondsPerUser: Double?
    /// Number of ratings trained on.
    public var trainRatings: Int
    /// Trained decoder item parameters (nil for the trivial baselines).
    public var items: ItemParameters?
    /// What was measured with the kept parameters beyond the test errors: cold start, top-N, item
    /// space (``RunMeasures``); nil in results made before these existed.
    public var measures: RunMeasures? = nil
}
