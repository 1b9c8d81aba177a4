import Foundation
import MFAELab

/// How reports place and write a searched key's values.
extension Distribution {
    /// Whether values are placed at positions 0, 1, … rather than at their value: a choice among
    /// values that are not all numbers.
    var isCategorical: Bool {
        guard case let .choice(values) = self else { return false }
        return !values.allSatisfy { if case .number = $0 { return true } else { return false } }
    }

    /// Where `value` sits on a plot axis: the number itself, or its index for a categorical choice.
    func plotCoordinate(of value: JSONValue) -> Double? {
        if case let .choice(values) = self, isCategorical { return values.firstIndex(of: value).map(Double.init) }
        guard case let .number(x) = value else { return nil }
        return x
    }

    /// The categories of a categorical choice, at positions 0, 1, …; empty otherwise.
    var categoryLabels: [String] {
        guard case let .choice(values) = self, isCategorical else { return [] }
        return values.map(Self.label)
    }

    /// `log_uniform [0.0001, 0.03]`, `choice [8, 16, 32]`.
    var rangeText: String {
        switch self {
        case let .uniform(low, high), let .logUniform(low, high):
            return "\(kindName) [\(Self.number(low)), \(Self.number(high))]"
        case let .intUniform(low, high): return "\(kindName) [\(low), \(high)]"
        case let .choice(values): return "choice [" + values.map(Self.label).joined(separator: ", ") + "]"
        }
    }

    /// A value as tables show it: numbers with up to three significant digits, strings bare.
    static func label(_ value: JSONValue) -> String {
        switch value {
        case let .number(x): return number(x)
        case let .string(text): return text
        default: return value.description
        }
    }

    /// `32`, `0.00412`, `1.2e-05`.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%.3g", x)
    }
}
