import Foundation
import MFAECore

/// A completed (or pruned) trial as a sampler sees it: its searched values and its objective.
public struct TrialObservation: Sendable, Equatable {
    /// The searched keys' values.
    public var values: [String: JSONValue]
    /// The best validation RMSE it reached (at pruning, for a pruned trial); +∞ when it diverged or failed.
    public var objective: Double

    /// An observation.
    public init(values: [String: JSONValue], objective: Double) {
        self.values = values; self.objective = objective
    }
}

/// Univariate tree-structured Parzen estimators, in the manner of Optuna's `TPESampler`
/// (Bergstra et al., NeurIPS 2011), with Optuna's defaults where they matter.
///
/// The observations are ranked by objective; the best `γ(n) = min(⌈0.1·n⌉, 25)` form the "good"
/// set, the rest the "bad" one. For each dimension independently, a Parzen estimator is fitted to
/// each set in the dimension's internal space (log for log-uniform), one truncated Gaussian per
/// observation plus a prior component centred on the range with the range's width; bandwidths are
/// the larger gap to a sorted neighbour, clipped to `[width / min(100, n + 1), width]`. 24
/// candidates are drawn from the good estimator and the one maximising `l(x) / g(x)` is proposed.
/// Categorical dimensions use smoothed counts (one prior pseudo-observation spread over the choices).
///
/// Deterministic: the proposal depends only on the observations (in order), the space and the
/// generator's state.
public enum TreeParzenEstimator {
    /// Candidates drawn from the good estimator per dimension.
    public static let candidateCount = 24

    /// Proposes values for `space` from `observations`.
    public static func propose(space: SearchSpace, observations: [TrialObservation],
                               generator: inout SplitMix64) -> [String: JSONValue] {
        let ranked = observations.enumerated().sorted {
            $0.element.objective != $1.element.objective ? $0.element.objective < $1.element.objective : $0.offset < $1.offset
        }.map(\.element)
        let goodCount = max(1, min(Int((0.1 * Double(ranked.count)).rounded(.up)), 25))
        let good = Array(ranked.prefix(goodCount)), bad = Array(ranked.dropFirst(goodCount))
        var result: [String: JSONValue] = [:]
        for (key, distribution) in space.dimensions {
            let goodPoints = good.compactMap { $0.values[key].flatMap(distribution.internalCoordinate(of:)) }
            let badPoints = bad.compactMap { $0.values[key].flatMap(distribution.internalCoordinate(of:)) }
            if case let .choice(values) = distribution {
                let index = proposeCategory(count: values.count, good: goodPoints.map { Int($0) },
                                            bad: badPoints.map { Int($0) }, generator: &generator)
                result[key] = values[index]
            } else {
                let range = distribution.internalRange
                let l = ParzenEstimator(points: goodPoints, range: range)
                let g = ParzenEstimator(points: badPoints, range: range)
                var best = l.sample(&generator), bestScore = -Double.infinity
                for _ in 0 ..< candidateCount {
                    let x = l.sample(&generator)
                    let score = l.logDensity(x) - g.logDensity(x)
                    if score > bestScore { best = x; bestScore = score }
                }
                result[key] = distribution.value(internal: best)
            }
        }
        return result
    }

    private static func proposeCategory(count: Int, good: [Int], bad: [Int], generator: inout SplitMix64) -> Int {
        func weights(_ chosen: [Int]) -> [Double] {
            var w = [Double](repeating: 1 / Double(count), count: count)
            for index in chosen where index < count { w[index] += 1 }
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }
        let l = weights(good), g = weights(bad)
        var best = 0, bestScore = -Double.infinity
        for _ in 0 ..< candidateCount {
            var u = generator.nextUnitDouble(), index = 0
            while index < count - 1, u >= l[index] { u -= l[index]; index += 1 }
            let score = log(l[index]) - log(g[index])
            if score > bestScore { best = index; bestScore = score }
        }
        return best
    }
}

/// A mixture of Gaussians truncated to `range`, one per point plus a prior over the whole range.
struct ParzenEstimator {
    let means: [Double]
    let sigmas: [Double]
    let range: ClosedRange<Double>
    /// Each component's mass inside the range, for normalising its density.
    private let masses: [Double]

    init(points: [Double], range: ClosedRange<Double>) {
        let width = max(range.upperBound - range.lowerBound, .leastNormalMagnitude)
        let prior = (range.lowerBound + range.upperBound) / 2
        var means = points.map { min(max($0, range.lowerBound), range.upperBound) }
        means.append(prior)
        let order = means.indices.sorted { means[$0] != means[$1] ? means[$0] < means[$1] : $0 < $1 }
        var sigmas = [Double](repeating: width, count: means.count)
        let floor = width / min(100, Double(points.count + 1))
        for (position, index) in order.enumerated() {
            if index == means.count - 1 { continue }  // the prior keeps the range's width
            let left = position > 0 ? means[order[position - 1]] : range.lowerBound
            let right = position + 1 < order.count ? means[order[position + 1]] : range.upperBound
            sigmas[index] = min(max(max(means[index] - left, right - means[index]), floor), width)
        }
        self.means = means
        self.sigmas = sigmas
        self.range = range
        masses = zip(means, sigmas).map { mean, sigma in
            max(Self.cdf((range.upperBound - mean) / sigma) - Self.cdf((range.lowerBound - mean) / sigma), 1e-12)
        }
    }

    /// A draw: a component chosen uniformly, then its truncated Gaussian by rejection (clamped after 64 tries).
    func sample(_ generator: inout SplitMix64) -> Double {
        let component = Int(generator.nextUnitDouble() * Double(means.count))
        for _ in 0 ..< 64 {
            let x = means[component] + sigmas[component] * generator.nextGaussian()
            if range.contains(x) { return x }
        }
        return min(max(means[component], range.lowerBound), range.upperBound)
    }

    /// `ln` of the mixture's density at `x`.
    func logDensity(_ x: Double) -> Double {
        var total = 0.0
        for index in means.indices {
            let z = (x - means[index]) / sigmas[index]
            total += exp(-0.5 * z * z) / (sigmas[index] * (2 * Double.pi).squareRoot() * masses[index])
        }
        return log(max(total / Double(means.count), .leastNormalMagnitude))
    }

    /// The standard normal distribution function.
    static func cdf(_ z: Double) -> Double { 0.5 * (1 + erf(z / 2.squareRoot())) }
}
