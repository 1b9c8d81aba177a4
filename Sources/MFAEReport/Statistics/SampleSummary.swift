/// Mean, sample standard deviation and a t-based confidence interval of the mean of a sample:
/// what a table cell "mean ± sd [CI]" across seeds shows.
public struct SampleSummary: Sendable, Equatable {
    /// Number of values.
    public var count: Int
    /// The arithmetic mean.
    public var mean: Double
    /// The sample standard deviation; `nil` when `count < 2`.
    public var standardDeviation: Double?
    /// The confidence interval of the mean; `nil` when `count < 2`.
    ///
    /// ```
    /// x̄ ± t_{(1 + level) / 2, n − 1} · s / √n
    /// ```
    public var confidenceInterval: ClosedRange<Double>?
    /// The confidence level of ``confidenceInterval``.
    public var level: Double

    /// Summarises `values`, or returns `nil` for an empty sample.
    public init?(_ values: [Double], level: Double = 0.95) {
        guard let mean = Descriptive.mean(values) else { return nil }
        self.count = values.count
        self.mean = mean
        self.level = level
        self.standardDeviation = Descriptive.sampleStandardDeviation(values)
        if let sd = standardDeviation {
            let halfWidth = StudentT.criticalValue(level: level, degreesOfFreedom: Double(count - 1))
                * sd / Double(count).squareRoot()
            confidenceInterval = (mean - halfWidth) ... (mean + halfWidth)
        } else {
            confidenceInterval = nil
        }
    }
}
