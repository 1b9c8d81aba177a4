import Foundation

/// Descriptive statistics of a sample: mean and sample standard deviation, summed in the given order
/// so that the same values give the same bits.
public enum Descriptive {
    /// The arithmetic mean, or `nil` for an empty sample.
    ///
    /// ```
    /// mean = Σ xᵢ / n
    /// ```
    public static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    /// The unbiased sample variance (denominator `n − 1`), or `nil` when `n < 2`. Two passes: the
    /// mean first, then the squared deviations from it, which avoids the cancellation of `Σx² − n·x̄²`.
    ///
    /// ```
    /// s² = Σ (xᵢ − x̄)² / (n − 1)
    /// ```
    public static func sampleVariance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        var sum = 0.0
        for value in values {
            let deviation = value - mean
            sum += deviation * deviation
        }
        return sum / Double(values.count - 1)
    }

    /// The sample standard deviation `s = √s²`, or `nil` when `n < 2`.
    public static func sampleStandardDeviation(_ values: [Double]) -> Double? {
        sampleVariance(values).map { $0.squareRoot() }
    }

    /// The median (mean of the two middle values for even `n`), or `nil` for an empty sample.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
