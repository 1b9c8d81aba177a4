/// Error metrics of predictions against observed ratings.
public struct Metrics: Codable, Sendable, Equatable {
    /// Mean squared error.
    public var mse: Double
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// Number of ratings scored.
    public var count: Int

    /// Metrics from accumulated sums.
    public init(squaredErrorSum: Double, absoluteErrorSum: Double, count: Int) {
        self.count = count
        mse = count > 0 ? squaredErrorSum / Double(count) : .nan
        rmse = mse.squareRoot()
        mae = count > 0 ? absoluteErrorSum / Double(count) : .nan
    }

    /// Metrics of `predictions` against `targets`, clipping predictions to `clip` when given.
    public init(predictions: [Float], targets: [Float], clip: ClosedRange<Float>?) {
        precondition(predictions.count == targets.count)
        var accumulator = MetricsAccumulator()
        for index in predictions.indices {
            accumulator.add(prediction: predictions[index], target: targets[index], clip: clip)
        }
        self = accumulator.metrics
    }
}

/// Running sums for ``Metrics``, accumulated in `Double` in a fixed order.
public struct MetricsAccumulator: Sendable {
    private var squared = 0.0
    private var absolute = 0.0
    private var count = 0

    /// Empty sums.
    public init() {}

    /// Adds one prediction, clipped to `clip` when given.
    public mutating func add(prediction: Float, target: Float, clip: ClosedRange<Float>?) {
        var p = prediction
        if let clip { p = min(max(p, clip.lowerBound), clip.upperBound) }
        let error = Double(p) - Double(target)
        addError(error)
    }

    mutating func addError(_ error: Double) {
        squared += error * error
        absolute += abs(error)
        count += 1
    }

    /// The metrics of what was added.
    public var metrics: Metrics { Metrics(squaredErrorSum: squared, absoluteErrorSum: absolute, count: count) }
}
