import Foundation

/// Where a searched configuration key's values come from.
///
/// ```json
/// {"uniform": [0, 0.9]}   {"log_uniform": [1e-4, 3e-2]}   {"int_uniform": [8, 128]}   {"choice": [8, 16, 32]}
/// ```
/// A sampler proposes a coordinate `u ∈ [0, 1)` per key (or, for TPE, a value in the internal space
/// below); ``value(at:)`` maps it to the key's value:
/// ```
/// uniform [a, b]      a + u·(b − a)
/// log_uniform [a, b]  exp(ln a + u·(ln b − ln a))
/// int_uniform [a, b]  a + ⌊u·(b − a + 1)⌋
/// choice [v₀ … vₙ₋₁]  v_⌊u·n⌋
/// ```
public enum Distribution: Sendable, Equatable {
    case uniform(low: Double, high: Double)
    case logUniform(low: Double, high: Double)
    case intUniform(low: Int, high: Int)
    case choice([JSONValue])

    /// The JSON names of the kinds, for messages.
    public static let kindNames = ["uniform", "log_uniform", "int_uniform", "choice"]

    /// The JSON name of this kind.
    public var kindName: String {
        switch self {
        case .uniform: return "uniform"
        case .logUniform: return "log_uniform"
        case .intUniform: return "int_uniform"
        case .choice: return "choice"
        }
    }

    /// The value at coordinate `u ∈ [0, 1)`.
    public func value(at u: Double) -> JSONValue {
        let u = min(max(u, 0), 1.0.nextDown)
        switch self {
        case let .uniform(low, high): return .number(low + u * (high - low))
        case let .logUniform(low, high): return .number(exp(log(low) + u * (log(high) - log(low))))
        case let .intUniform(low, high): return .number(Double(low + Int(u * Double(high - low + 1))))
        case let .choice(values): return values[Int(u * Double(values.count))]
        }
    }

    /// Whether the internal space is continuous (everything but `choice`).
    public var isNumeric: Bool {
        if case .choice = self { return false }
        return true
    }

    /// Whether plots should use a log axis for this key.
    /// The smallest value it can give, when its values are numbers.
    public var smallestNumber: Double? {
        switch self {
        case let .uniform(low, _), let .logUniform(low, _): return low
        case let .intUniform(low, _): return Double(low)
        case let .choice(values):
            return values.compactMap { if case let .number(x) = $0 { return x } else { return nil } }.min()
        }
    }

    public var isLogScale: Bool {
        if case .logUniform = self { return true }
        return false
    }

    /// The internal (search) space of a numeric distribution: `ln` for log-uniform, the value otherwise.
    /// Integers are searched as reals in `[a − ½, b + ½]` and rounded.
    var internalRange: ClosedRange<Double> {
        switch self {
        case let .uniform(low, high): return low ... high
        case let .logUniform(low, high): return log(low) ... log(high)
        case let .intUniform(low, high): return Double(low) - 0.5 ... Double(high) + 0.5
        case .choice: return 0 ... 1
        }
    }

    /// The key's value at internal coordinate `x` of a numeric distribution.
    func value(internal x: Double) -> JSONValue {
        let range = internalRange
        let x = min(max(x, range.lowerBound), range.upperBound)
        switch self {
        case .uniform: return .number(x)
        case .logUniform: return .number(exp(x))
        case let .intUniform(low, high): return .number(Double(min(max(Int(x.rounded()), low), high)))
        case let .choice(values): return values[0]
        }
    }

    /// The internal coordinate of `value` (numeric), or its index (choice); nil when it is not a value
    /// of this distribution.
    func internalCoordinate(of value: JSONValue) -> Double? {
        switch self {
        case .uniform:
            guard case let .number(x) = value else { return nil }
            return x
        case .logUniform:
            guard case let .number(x) = value, x > 0 else { return nil }
            return log(x)
        case .intUniform:
            guard case let .number(x) = value else { return nil }
            return x
        case let .choice(values):
            return values.firstIndex(of: value).map(Double.init)
        }
    }

    /// Whether `value` lies within 5 % of a bound of this range (of the internal range for
    /// log-uniform), or is the first or last choice of a numeric choice list: the search may
    /// want a wider space.
    public func isAtEdge(_ value: JSONValue) -> Bool {
        switch self {
        case let .choice(values):
            guard values.count > 1, values.allSatisfy({ if case .number = $0 { return true } else { return false } })
            else { return false }
            return value == values.first || value == values.last
        default:
            guard let x = internalCoordinate(of: value) else { return false }
            var range = internalRange
            if case let .intUniform(low, high) = self { range = Double(low) ... Double(high) }
            let margin = 0.05 * (range.upperBound - range.lowerBound)
            return x <= range.lowerBound + margin || x >= range.upperBound - margin
        }
    }
}

/// The searched keys of one model, in sorted key order (the order samplers use).
public struct SearchSpace: Sendable, Equatable {
    /// Keys and their distributions, sorted by key.
    public var dimensions: [(key: String, distribution: Distribution)]

    /// A space of `distributions`.
    public init(_ distributions: [String: Distribution]) {
        dimensions = distributions.keys.sorted().compactMap { key in distributions[key].map { (key, $0) } }
    }

    /// The distribution of `key`, if searched.
    public func distribution(of key: String) -> Distribution? {
        dimensions.first { $0.key == key }?.distribution
    }

    /// The values at unit coordinates `point` (one per dimension).
    public func values(at point: [Double]) -> [String: JSONValue] {
        precondition(point.count == dimensions.count)
        var result: [String: JSONValue] = [:]
        for (dimension, u) in zip(dimensions, point) { result[dimension.key] = dimension.distribution.value(at: u) }
        return result
    }

    public static func == (a: SearchSpace, b: SearchSpace) -> Bool {
        a.dimensions.map(\.key) == b.dimensions.map(\.key) && a.dimensions.map(\.distribution) == b.dimensions.map(\.distribution)
    }
}
