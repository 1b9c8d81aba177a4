/// Trains and evaluates one configuration on a data set. Does no I/O: observers receive events.
public enum Trainer {
    /// Runs `configuration` on `data`: splits by the protocol, trains, keeps the best validation epoch,
    /// and measures the test metrics with it.
    /// - Parameters:
    ///   - isCancelled: polled between batches; when it returns true the run throws ``TrainingError/cancelled``.
    ///   - observer: receives ``TrainingEvent``s on the training thread.
    /// - Throws: ``TrainingError/diverged(epoch:loss:)`` when the loss turns NaN or infinite.
    public static func run(_ configuration: TrainingConfiguration, on data: RatingSet,
                           isCancelled: @escaping @Sendable () -> Bool = { false },
                           observer: (TrainingEvent) -> Void = { _ in }) throws -> TrainingResult {
        try FloatEnvironment.withSubnormalsFlushedToZero {
            try fit(configuration, on: data, isCancelled: isCancelled, observer: observer)
        }
    }

    private static func fit(_ configuration: TrainingConfiguration, on data: RatingSet,
                            isCancelled: @escaping @Sendable () -> Bool,
                            observer: (TrainingEvent) -> Void) throws -> TrainingResult {
        try configuration.validate()
        let clock = Stopwatch()
        let split = try ProtocolSplit.make(data, protocol: configuration.evaluationProtocol,
                                           validFraction: configuration.validFraction,
                                           testFraction: configuration.testFraction, seed: configuration.seed)
        if configuration.model.isLatent {
            var training = LatentTraining(configuration: configuration, data: data, split: split)
            return try training.run(isCancelled: isCancelled, observer: observer)
        }
        observer(.started(epochs: 0, trainRatings: split.train.count))
        let model = TrivialBaseline.fit(configuration.model, train: split.train, userCount: data.userCount,
                                        itemCount: data.itemCount)
        let clip = configuration.clipPredictions ? data.ratingRange : nil
        let valid = Evaluator.evaluate(model, on: split.valid, representation: .encode(.keepAll), clip: clip)
        let test = Evaluator.evaluate(model, on: split.test, representation: .encode(.keepAll), clip: clip)
        let trainSeconds = clock.elapsedSeconds
        let measures = RunMeasures.measure(model, configuration: configuration, data: data, split: split, clip: clip) {
            .encode(.keepAll)
        }
        return TrainingResult(configuration: configuration, bestEpoch: 0, epochs: [], valid: valid.metrics,
                              test: test.metrics, trainSeconds: trainSeconds, epochSecondsMedian: 0,
                              foldInMillisecondsPerUser: nil, trainRatings: split.train.count, items: nil,
                              measures: measures)
    }
}
