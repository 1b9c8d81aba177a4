/// What values a ``ConfigurationKey`` takes: its type and allowed range. Specs, the command line
/// and search spaces check values against it, and its words are the error messages'.
public enum ConfigurationValueKind: Sendable, Hashable {
    /// Integers no smaller than `minimum`.
    case integer(minimum: Int)
    /// Any non-negative 64-bit integer (the seed).
    case unsignedInteger
    /// Finite real numbers in an interval.
    case real(RealInterval)
    /// `true` or `false`.
    case boolean
    /// One of the listed names, in declaration order (the order reports sort them in).
    case enumeration([String])

    /// What the type accepts, for a value of the wrong type: `an integer`, `a number`, `one of adam, lazy_adam`.
    public var expectedType: String {
        switch self {
        case .integer: return "an integer"
        case .unsignedInteger: return "a non-negative integer"
        case .real: return "a number"
        case .boolean: return "true or false"
        case let .enumeration(names): return "one of \(names.joined(separator: ", "))"
        }
    }

    /// What the range accepts, for a value of the right type out of range: `a positive integer`,
    /// `a number in [0, 1)`.
    public var expectedRange: String {
        switch self {
        case let .integer(minimum):
            switch minimum {
            case 1: return "a positive integer"
            case 0: return "a non-negative integer"
            default: return "an integer ≥ \(minimum)"
            }
        case let .real(interval): return interval.description
        case .unsignedInteger, .boolean, .enumeration: return expectedType
        }
    }

    /// Nil when `value` has this kind's type and lies in its range; otherwise what is expected.
    public func problem(with value: ConfigurationValue) -> String? {
        switch (self, value) {
        case let (.integer(minimum), .integer(number)):
            return number >= minimum ? nil : expectedRange
        case (.unsignedInteger, .unsignedInteger), (.boolean, .boolean):
            return nil
        case let (.real(interval), .real(number)):
            return interval.contains(number) ? nil : expectedRange
        case let (.enumeration(names), .option(name)):
            return names.contains(name) ? nil : expectedType
        default:
            return expectedType
        }
    }
}

/// An interval of finite reals, open or closed at each end, unbounded above when `upper` is nil.
public struct RealInterval: Sendable, Hashable, CustomStringConvertible {
    /// The lower bound.
    public var lower: Double
    /// Whether `lower` itself is allowed.
    public var includesLower: Bool
    /// The upper bound, if any.
    public var upper: Double?
    /// Whether `upper` itself is allowed.
    public var includesUpper: Bool

    /// Numbers above (or from) `lower`, below (or up to) `upper`.
    public init(lower: Double, includesLower: Bool, upper: Double? = nil, includesUpper: Bool = false) {
        self.lower = lower; self.includesLower = includesLower; self.upper = upper; self.includesUpper = includesUpper
    }

    /// `(0, ∞)`.
    public static let positive = RealInterval(lower: 0, includesLower: false)
    /// `[0, ∞)`.
    public static let nonNegative = RealInterval(lower: 0, includesLower: true)
    /// `[0, 1)`.
    public static let probability = RealInterval(lower: 0, includesLower: true, upper: 1, includesUpper: false)
    /// `(0, 1)`.
    public static let openUnit = RealInterval(lower: 0, includesLower: false, upper: 1, includesUpper: false)

    /// Whether `value` is finite and inside the interval.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        guard includesLower ? value >= lower : value > lower else { return false }
        guard let upper else { return true }
        return includesUpper ? value <= upper : value < upper
    }

    /// `a number > 0`, `a number ≥ 0`, `a number in [0, 1)`.
    public var description: String {
        let low = ConfigurationValue.real(lower).description
        guard let upper else { return "a number \(includesLower ? "≥" : ">") \(low)" }
        let high = ConfigurationValue.real(upper).description
        return "a number in \(includesLower ? "[" : "(")\(low), \(high)\(includesUpper ? "]" : ")")"
    }
}
