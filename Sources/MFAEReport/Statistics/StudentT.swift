import Foundation

/// Student's t distribution with `ν` degrees of freedom: its CDF, tail probabilities and quantiles,
/// exact (to floating point) for every `ν`, small ones included.
public enum StudentT {
    /// The two-sided tail probability `P(|T| ≥ |t|)`:
    ///
    /// ```
    /// P(|T| ≥ |t|) = I_{ν / (ν + t²)}(ν / 2, 1 / 2)
    /// ```
    public static func twoSidedTailProbability(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "the t distribution needs ν > 0")
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        let x = nu / (nu + t * t)
        return IncompleteBeta.regularized(x, a: nu / 2, b: 0.5)
    }

    /// The cumulative distribution function `P(T ≤ t)`.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = twoSidedTailProbability(t, degreesOfFreedom: nu) / 2
        return t < 0 ? tail : 1 - tail
    }

    /// The quantile `t_p` with `P(T ≤ t_p) = p`, for `0 < p < 1`.
    ///
    /// Inverts ``twoSidedTailProbability(_:degreesOfFreedom:)`` by bisection on `|t|`: the bracket
    /// doubles until it holds the answer, then halves until it is as narrow as `Double` allows
    /// (at most about 1100 steps; each is one incomplete beta evaluation).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        if p == 0.5 { return 0 }
        let target = 2 * min(p, 1 - p)
        var low = 0.0
        var high = 1.0
        while twoSidedTailProbability(high, degreesOfFreedom: nu) > target {
            low = high
            high *= 2
        }
        while true {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            if twoSidedTailProbability(middle, degreesOfFreedom: nu) > target {
                low = middle
            } else {
                high = middle
            }
        }
        let magnitude = low + (high - low) / 2
        return p < 0.5 ? -magnitude : magnitude
    }

    /// The two-sided critical value for a confidence `level`: `t_{(1 + level) / 2, ν}`, e.g. 12.706
    /// for `level` 0.95 and `ν` = 1.
    public static func criticalValue(level: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(level > 0 && level < 1, "a confidence level is in (0, 1)")
        return quantile((1 + level) / 2, degreesOfFreedom: nu)
    }
}
