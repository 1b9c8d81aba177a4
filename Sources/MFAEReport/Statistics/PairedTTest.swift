/// The paired t-test of `H₀: E[a − b] = 0` against the two-sided alternative, over pairs matched
/// by seed.
///
/// ```
/// dᵢ = aᵢ − bᵢ,   t = d̄ / (s_d / √n),   ν = n − 1,   p = P(|T_ν| ≥ |t|)
/// ```
/// Same as `scipy.stats.ttest_rel(a, b)`.
public struct PairedTTest: Sendable, Equatable {
    /// Number of pairs.
    public var count: Int
    /// Mean of the differences `a − b`.
    public var meanDifference: Double
    /// Sample standard deviation of the differences.
    public var standardDeviation: Double
    /// The t statistic.
    public var t: Double
    /// `n − 1`.
    public var degreesOfFreedom: Int
    /// Two-sided p-value.
    public var pValue: Double
    /// The 95% confidence interval of the mean difference.
    public var confidenceInterval: ClosedRange<Double>

    /// Tests the differences `a[i] − b[i]`. Returns `nil` when there are fewer than two pairs or
    /// when every difference is the same (`s_d = 0`), where the statistic is undefined.
    public init?(_ a: [Double], _ b: [Double]) {
        precondition(a.count == b.count, "a paired test needs pairs")
        self.init(differences: zip(a, b).map { $0 - $1 })
    }

    /// Tests `differences` against a mean of zero (the one-sample t-test of the differences).
    public init?(differences: [Double]) {
        guard differences.count >= 2,
              let mean = Descriptive.mean(differences),
              let sd = Descriptive.sampleStandardDeviation(differences),
              sd > 0, sd.isFinite
        else { return nil }
        count = differences.count
        meanDifference = mean
        standardDeviation = sd
        degreesOfFreedom = count - 1
        let standardError = sd / Double(count).squareRoot()
        t = mean / standardError
        pValue = StudentT.twoSidedTailProbability(t, degreesOfFreedom: Double(degreesOfFreedom))
        let halfWidth = StudentT.criticalValue(level: 0.95, degreesOfFreedom: Double(degreesOfFreedom)) * standardError
        confidenceInterval = (mean - halfWidth) ... (mean + halfWidth)
    }
}
