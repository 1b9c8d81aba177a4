import Foundation

/// The Wilcoxon signed-rank test of `H₀`: the differences `a − b` are symmetric about zero,
/// against the two-sided alternative.
///
/// **Zeros** are dropped before ranking (Wilcoxon's original treatment, `zero_method="wilcox"`,
/// scipy's default); ``count`` is the number of non-zero differences left.
///
/// **Ties** among `|dᵢ|` get their average rank.
///
/// **Exact p-value** (``Method/exact``, used for `count ≤` ``exactLimit``): the null distribution
/// of `W⁺ = Σ_{dᵢ > 0} rank(|dᵢ|)` is enumerated over all `2ⁿ` sign assignments by dynamic
/// programming over doubled ranks (integers even with average ranks), so it stays exact with
/// ties: the permutation distribution given the observed ranks. Without ties this equals
/// `scipy.stats.wilcoxon(d, method="exact")`; with ties it equals scipy's default permutation
/// test (exact for `n ≤ 13`), where scipy switches to the normal approximation above 13.
///
/// ```
/// p = min(1, 2 · min(P(W⁺ ≤ w), P(W⁺ ≥ w)))
/// ```
/// **Normal approximation** (``Method/normalApproximation``, for larger samples), with the tie
/// correction and a continuity correction, as `scipy.stats.wilcoxon(d, method="asymptotic", correction=True)`:
///
/// ```
/// μ = n(n + 1)/4,   σ² = n(n + 1)(2n + 1)/24 − Σ (tⱼ³ − tⱼ)/48
/// z = (W⁺ − μ − sign(W⁺ − μ) · ½) / σ,   p = 2 · (1 − Φ(|z|))
/// ```
/// **Enough pairs**: the smallest exact two-sided p-value with `n` non-zero differences is
/// `2 / 2ⁿ`, which is 0.0625 for `n = 5`: with five seeds or fewer the test can never reach
/// significance at 0.05. Reports therefore show it only from ``minimumPairs`` pairs on.
public struct WilcoxonSignedRankTest: Sendable, Equatable {
    /// How the p-value was computed.
    public enum Method: String, Sendable {
        /// Enumeration of the exact null distribution.
        case exact
        /// The normal approximation with tie and continuity corrections.
        case normalApproximation = "normal approximation"
    }

    /// The fewest pairs for which reports show the test: with 6 non-zero differences the smallest
    /// exact two-sided p-value is `2/64 ≈ 0.031`, below 0.05; with 5 it is 0.0625.
    public static let minimumPairs = 6
    /// The largest number of non-zero differences for which the exact distribution is used.
    public static let exactLimit = 50

    /// Number of non-zero differences (the `n` of the test).
    public var count: Int
    /// Number of zero differences dropped.
    public var zeroCount: Int
    /// Sum of the ranks of the positive differences, `W⁺`.
    public var positiveRankSum: Double
    /// Sum of the ranks of the negative differences, `W⁻ = n(n + 1)/2 − W⁺`.
    public var negativeRankSum: Double
    /// Whether some `|dᵢ|` are tied.
    public var hasTies: Bool
    /// How ``pValue`` was computed.
    public var method: Method
    /// The two-sided p-value.
    public var pValue: Double

    /// `min(W⁺, W⁻)`, the statistic scipy reports for the two-sided test.
    public var statistic: Double { min(positiveRankSum, negativeRankSum) }

    /// The smallest two-sided p-value the exact test can give with `pairs` non-zero differences:
    /// `2 / 2ⁿ` (capped at 1).
    public static func smallestExactPValue(pairs: Int) -> Double {
        min(1, 2 / pow(2, Double(pairs)))
    }

    /// Tests the differences `a[i] − b[i]`; see ``init(differences:method:)``.
    public init?(_ a: [Double], _ b: [Double], method: Method? = nil) {
        precondition(a.count == b.count, "a paired test needs pairs")
        self.init(differences: zip(a, b).map { $0 - $1 }, method: method)
    }

    /// Tests `differences`. `method` nil chooses exact up to ``exactLimit`` non-zero differences and
    /// the normal approximation above. Returns `nil` when no difference is non-zero or one is not
    /// finite.
    public init?(differences: [Double], method: Method? = nil) {
        guard differences.allSatisfy(\.isFinite) else { return nil }
        let nonZero = differences.filter { $0 != 0 }
        guard !nonZero.isEmpty else { return nil }
        count = nonZero.count
        zeroCount = differences.count - nonZero.count
        let ranks = Self.averageRanks(nonZero.map(abs))
        var positive = 0.0
        for (difference, rank) in zip(nonZero, ranks.ranks) where difference > 0 { positive += rank }
        positiveRankSum = positive
        negativeRankSum = Double(count * (count + 1)) / 2 - positive
        hasTies = ranks.tieSizes.contains { $0 > 1 }
        self.method = method ?? (count <= Self.exactLimit ? .exact : .normalApproximation)
        switch self.method {
        case .exact:
            pValue = Self.exactPValue(doubledRanks: ranks.ranks.map { Int(($0 * 2).rounded()) },
                                      doubledStatistic: Int((positive * 2).rounded()))
        case .normalApproximation:
            pValue = Self.normalPValue(positiveRankSum: positive, count: count, tieSizes: ranks.tieSizes)
        }
    }

    /// Average ranks (1-based) of `values`, and the size of each group of equal values.
    static func averageRanks(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + 1 + end) / 2  // mean of ranks start+1 ... end
            for position in start..<end { ranks[order[position]] = rank }
            tieSizes.append(end - start)
            start = end
        }
        return (ranks, tieSizes)
    }

    /// The exact two-sided p-value: `counts[s]` is the number of sign assignments whose doubled
    /// positive rank sum is `s`, built one rank at a time (O(n · Σ ranks)); counts up to `2⁵⁰`
    /// are exact in `Double`.
    static func exactPValue(doubledRanks: [Int], doubledStatistic: Int) -> Double {
        let total = doubledRanks.reduce(0, +)
        var counts = [Double](repeating: 0, count: total + 1)
        counts[0] = 1
        var reach = 0
        for rank in doubledRanks {
            reach += rank
            for sum in stride(from: reach, through: rank, by: -1) {
                counts[sum] += counts[sum - rank]
            }
        }
        let outcomes = pow(2, Double(doubledRanks.count))
        var lower = 0.0
        var upper = 0.0
        for (sum, count) in counts.enumerated() {
            if sum <= doubledStatistic { lower += count }
            if sum >= doubledStatistic { upper += count }
        }
        return min(1, 2 * min(lower, upper) / outcomes)
    }

    /// The two-sided p-value of the normal approximation with tie and continuity corrections.
    static func normalPValue(positiveRankSum: Double, count: Int, tieSizes: [Int]) -> Double {
        let n = Double(count)
        let mean = n * (n + 1) / 4
        var tieCorrection = 0.0
        for size in tieSizes {
            let t = Double(size)
            tieCorrection += t * t * t - t
        }
        let variance = n * (n + 1) * (2 * n + 1) / 24 - tieCorrection / 48
        guard variance > 0 else { return 1 }
        let sd = variance.squareRoot()
        var z = (positiveRankSum - mean) / sd
        let sign: Double = z > 0 ? 1 : (z < 0 ? -1 : 0)
        z -= sign * 0.5 / sd
        return erfc(abs(z) / 2.0.squareRoot())
    }
}
