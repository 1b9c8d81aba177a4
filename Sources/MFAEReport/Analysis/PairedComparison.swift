import MFAELab
/// The difference of a test metric between two configuration groups, paired by seed: the same seed
/// gives both models the same split, so the per-seed differences cancel the split's luck.
public struct PairedComparison: Sendable, Equatable {
    /// What the comparison concludes at ``significanceLevel``: lower is better for errors, higher for
    /// ranking metrics (``MetricName/isHigherBetter``).
    public enum Verdict: Sendable, Equatable {
        /// The first group's error is significantly lower.
        case firstBetter
        /// The second group's error is significantly lower.
        case secondBetter
        /// The paired t-test finds no significant difference.
        case notSignificant
        /// Too few paired seeds (or identical differences) for a test.
        case untestable
    }

    /// The significance level of verdicts: 0.05, two-sided.
    public static let significanceLevel = 0.05

    /// The group on the left of `first − second`.
    public var first: ConfigurationGroup
    /// The group on the right of `first − second`.
    public var second: ConfigurationGroup
    /// The compared metric.
    public var metric: MetricName
    /// Seeds both groups ran, ascending.
    public var seeds: [UInt64]
    /// `first − second` for each seed of ``seeds``.
    public var differences: [Double]
    /// Mean, sd and 95% CI of the differences; `nil` without common seeds.
    public var summary: SampleSummary?
    /// The paired t-test; `nil` with fewer than two pairs or identical differences.
    public var tTest: PairedTTest?
    /// The Wilcoxon signed-rank test; `nil` with fewer than
    /// ``WilcoxonSignedRankTest/minimumPairs`` pairs or no non-zero difference.
    public var wilcoxon: WilcoxonSignedRankTest?

    /// Compares `metric` of `first` and `second` over their common seeds.
    public init(_ first: ConfigurationGroup, _ second: ConfigurationGroup, metric: MetricName = .testRMSE) {
        self.first = first
        self.second = second
        self.metric = metric
        let a = first.valuesBySeed(of: metric)
        let b = second.valuesBySeed(of: metric)
        seeds = a.keys.filter { b[$0] != nil }.sorted()
        differences = seeds.compactMap { seed in a[seed].flatMap { x in b[seed].map { x - $0 } } }
        summary = SampleSummary(differences)
        tTest = PairedTTest(differences: differences)
        wilcoxon = differences.count >= WilcoxonSignedRankTest.minimumPairs
            ? WilcoxonSignedRankTest(differences: differences) : nil
    }

    /// The verdict of the paired t-test at ``significanceLevel``; the Wilcoxon test is a robustness
    /// check shown beside it and does not change the verdict.
    public var verdict: Verdict {
        guard let tTest else { return .untestable }
        guard tTest.pValue < Self.significanceLevel else { return .notSignificant }
        return (tTest.meanDifference < 0) != metric.isHigherBetter ? .firstBetter : .secondBetter
    }

    /// Whether the Wilcoxon test, where shown, disagrees with the t-test about significance.
    public var testsDisagree: Bool {
        guard let t = tTest, let w = wilcoxon else { return false }
        return (t.pValue < Self.significanceLevel) != (w.pValue < Self.significanceLevel)
    }
}
