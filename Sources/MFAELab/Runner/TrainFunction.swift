import MFAECore

/// What the runner calls to train one configuration; ``Trainer/run(_:on:isCancelled:observer:)`` by
/// default. Tests inject slow, failing or diverging trainers.
///
/// Arguments: the configuration, the data, a cancellation poll, and an observer of training events.
public typealias TrainFunction = @Sendable (
    _ configuration: TrainingConfiguration,
    _ data: RatingSet,
    _ isCancelled: @escaping @Sendable () -> Bool,
    _ observer: (TrainingEvent) -> Void
) throws -> TrainingResult

/// The trainers the lab knows.
public enum TrainFunctions {
    /// The real trainer.
    public static let trainer: TrainFunction = { configuration, data, isCancelled, observer in
        try Trainer.run(configuration, on: data, isCancelled: isCancelled, observer: observer)
    }
}
