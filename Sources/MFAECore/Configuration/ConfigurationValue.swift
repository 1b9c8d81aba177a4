/// The value of one ``ConfigurationKey``, typed by the key's ``ConfigurationValueKind``: what specs,
/// the command line, grid labels and the run key read and write.
public enum ConfigurationValue: Sendable, Hashable, CustomStringConvertible {
    /// A value of an ``ConfigurationValueKind/integer(minimum:)`` key.
    case integer(Int)
    /// A value of the ``ConfigurationValueKind/unsignedInteger`` key (the seed).
    case unsignedInteger(UInt64)
    /// A value of a ``ConfigurationValueKind/real(_:)`` key; `Float` keys round it to the nearest `Float`.
    case real(Double)
    /// A value of a ``ConfigurationValueKind/boolean`` key.
    case boolean(Bool)
    /// A value of an ``ConfigurationValueKind/enumeration(_:)`` key: one of its allowed spellings.
    case option(String)

    /// The value as the run key's canonical form and grid labels write it:
    ///
    /// - integers in plain decimal (`10`, `18446744073709551615`);
    /// - reals with an integral value below 2⁵³ as integers (`0`, `1024`), others in Swift's shortest
    ///   round-trip spelling of the stored precision (`0.01`, `1e-06`, not `0.009999999776`);
    /// - booleans as `true`/`false`, options by name.
    ///
    /// A `Float` key's reals are spelled at `Float` precision, so `.real(Double(Float(0.01)))` reads `0.01`.
    public var description: String { text(singlePrecision: false) }

    /// ``description`` with reals spelled at `Float` precision when `singlePrecision` is set.
    public func text(singlePrecision: Bool) -> String {
        switch self {
        case let .integer(value): return String(value)
        case let .unsignedInteger(value): return String(value)
        case let .real(value):
            if value.isFinite, value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
                return String(Int64(value))
            }
            return singlePrecision ? Float(value).description : value.description
        case let .boolean(value): return value ? "true" : "false"
        case let .option(name): return name
        }
    }

    /// The number, for numeric values (reals and integers); nil for booleans and options.
    public var number: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .unsignedInteger(value): return Double(value)
        case let .real(value): return value
        case .boolean, .option: return nil
        }
    }
}
