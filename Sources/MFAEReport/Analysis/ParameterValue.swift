import MFAECore

extension ConfigurationKey {
    /// The keys a report treats as swept parameters: every key but the model, the protocol and the
    /// seed, which a report treats separately; in table order, the most telling first.
    static let reportParameters: [ConfigurationKey] = all.filter { ![model, evaluationProtocol, seed].contains($0) }

    /// Whether values are numbers that can stand on a numeric axis.
    var isNumeric: Bool {
        switch kind {
        case .integer, .unsignedInteger, .real: return true
        case .boolean, .enumeration: return false
        }
    }

    /// The value of this key in `configuration`, labelled and ranked for a report.
    func reportValue(in configuration: TrainingConfiguration) -> ParameterValue {
        let value = value(in: configuration)
        switch (kind, value) {
        case (.boolean, .boolean(let flag)): return .option(text(of: value), rank: flag ? 1 : 0)
        case let (.enumeration(names), .option(name)): return .option(name, rank: names.firstIndex(of: name) ?? 0)
        default: return ParameterValue(label: text(of: value), sortKey: value.number ?? 0)
        }
    }
}

/// The value of a report parameter (a ``ConfigurationKey``): a label as the spec would write it, and
/// a sort key (the number itself, or the option's position among its cases).
public struct ParameterValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The value as written in a spec: `0.01`, `1e-06`, `kept`, `true`.
    public var label: String
    /// The number for numeric values, the position among the cases for options.
    public var sortKey: Double

    /// An integer value.
    public static func integer(_ value: Int) -> Self { Self(label: String(value), sortKey: Double(value)) }
    /// A `Float` value, labelled as ``ConfigurationValue`` spells it (`0.01`, not `0.009999999776`; `0`, not `0.0`).
    public static func float(_ value: Float) -> Self {
        Self(label: ConfigurationValue.real(Double(value)).text(singlePrecision: true), sortKey: Double(value))
    }
    /// A named option at position `rank` among its cases.
    public static func option(_ name: String, rank: Int) -> Self { Self(label: name, sortKey: Double(rank)) }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.sortKey, lhs.label) < (rhs.sortKey, rhs.label) }
    public var description: String { label }
}
