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
        fatalError("not yet implemented")
    }
}
