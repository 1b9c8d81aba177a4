/// Timings of the training loop, the evaluation pass and fold-in, for `mfae-lab bench`.
public struct BenchmarkMeasurement: Codable, Sendable {
    /// Wall seconds of each training epoch, in order.
    public var epochSeconds: [Double]
    /// CPU seconds of each training epoch (all threads of the process), in order. On a shared machine
    /// this is the steadier measure: it does not count time spent waiting for a core.
    public var epochCPUSeconds: [Double]
    /// Ratings in the training split.
    public var trainRatings: Int
    /// Wall seconds of one evaluation pass over the test split.
    public var evaluationSeconds: Double
    /// Ratings scored by that pass.
    public var evaluatedRatings: Int
    /// Users folded in (every training user, from their training ratings).
    public var foldInUsers: Int
    /// Seconds spent obtaining their representations: encoding (autoencoder) or ridge solves (MF).
    public var foldInSeconds: Double

    /// Median of the epochs after the first (the first warms caches and allocators).
    public var medianEpochSeconds: Double { Self.medianAfterFirst(epochSeconds) }

    /// Median CPU seconds of the epochs after the first.
    public var medianEpochCPUSeconds: Double { Self.medianAfterFirst(epochCPUSeconds) }

    static func medianAfterFirst(_ seconds: [Double]) -> Double {
        let timed = (seconds.count > 1 ? Array(seconds.dropFirst()) : seconds).sorted()
        return timed.isEmpty ? 0 : timed[timed.count / 2]
    }
}

/// Measures a latent model's speed without early stopping or per-epoch validation.
public enum TrainingBenchmark {
    /// Trains `configuration.epochs` epochs on the warm split of `data`, then times one evaluation pass
    /// over the test ratings and one fold-in pass over every training user.
    public static func measure(_ configuration: TrainingConfiguration, on data: RatingSet) throws -> BenchmarkMeasurement {
        try FloatEnvironment.withSubnormalsFlushedToZero { try measureInFlushMode(configuration, on: data) }
    }

    private static func measureInFlushMode(_ configuration: TrainingConfiguration,
                                           on data: RatingSet) throws -> BenchmarkMeasurement {
        precondition(configuration.model.isLatent, "benchmarks time the latent models")
        try configuration.validate()
        var c = configuration
        c.evaluationProtocol = .warm
        let split = try ProtocolSplit.make(data, protocol: .warm, validFraction: c.validFraction,
                                           testFraction: c.testFraction, seed: c.seed)
        var training = LatentTraining(configuration: c, data: data, split: split)
        var epochSeconds: [Double] = [], epochCPUSeconds: [Double] = []
        for epoch in 1 ... c.epochs {
            let clock = Stopwatch(), cpuStart = ResourceUsage.processCPUSeconds()
            _ = try training.trainEpoch(epoch, isCancelled: { false })
            epochSeconds.append(clock.elapsedSeconds)
            epochCPUSeconds.append(ResourceUsage.processCPUSeconds() - cpuStart)
        }
        let evaluationClock = Stopwatch()
        let evaluation = training.evaluate(split.test)
        let evaluationSeconds = evaluationClock.elapsedSeconds

        let everyone = EvaluationSet(input: split.train, targets: split.train)
        let foldIn: EvaluationOutcome
        if c.model == .mf {
            let solver = RidgeFoldIn(k: c.k, penalty: RidgeFoldIn.penalty(for: c, trainCount: split.train.count))
            foldIn = Evaluator.evaluate(training.model, on: everyone, representation: .foldIn(solver), clip: nil)
        } else {
            foldIn = Evaluator.evaluate(training.model, on: everyone, representation: .encode(.keepAll), clip: nil)
        }
        return BenchmarkMeasurement(epochSeconds: epochSeconds, epochCPUSeconds: epochCPUSeconds, trainRatings: split.train.count,
                                    evaluationSeconds: evaluationSeconds, evaluatedRatings: evaluation.metrics.count,
                                    foldInUsers: foldIn.users, foldInSeconds: foldIn.representationSeconds)
    }
}
