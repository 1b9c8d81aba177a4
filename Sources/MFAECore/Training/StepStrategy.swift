/// How a training step is divided among threads: the one place that chooses a ``TrainingStep`` from
/// the thread count and the optimizer.
enum StepStrategy: Equatable {
    /// One thread (``SerialStep``), updating every row (dense Adam) or the touched ones (lazy Adam).
    case serial(Adam.Rows)
    /// Several threads and dense Adam (``DataParallelStep``).
    case dataParallel(threads: Int)
    /// Several threads and lazy Adam (``ShardedStep``).
    case sharded(threads: Int)

    /// The strategy for `threads` threads (fewer than 1 count as 1) and `optimizer`.
    init(threads: Int, optimizer: OptimizerKind) {
        let rows: Adam.Rows = optimizer == .adam ? .all : .touched
        switch (threads > 1, rows) {
        case (false, _): self = .serial(rows)
        case (true, .all): self = .dataParallel(threads: threads)
        case (true, .touched): self = .sharded(threads: threads)
        }
    }

    /// A step, with its buffers (and team of threads), for training `model` on `train`.
    func makeStep(model: FactorModel, train: RatingsByUser) -> any TrainingStep {
        switch self {
        case let .serial(rows): SerialStep(model: model, rows: rows)
        case let .dataParallel(threads): DataParallelStep(model: model, threads: threads)
        case let .sharded(threads): ShardedStep(model: model, threads: threads, train: train)
        }
    }
}
