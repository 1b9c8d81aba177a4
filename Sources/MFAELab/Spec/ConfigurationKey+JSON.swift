import MFAECore

extension ConfigurationKey {
    /// The spec value `json` as a value of this key (normalized: an option's canonical spelling, a
    /// `Float` key's number rounded to `Float`), or nil when it is not of the key's type.
    public func value(from json: JSONValue) -> ConfigurationValue? {
        let candidate: ConfigurationValue?
        switch (kind, json) {
        case (.integer, _): candidate = json.integerValue.map(ConfigurationValue.integer)
        case (.unsignedInteger, _): candidate = json.integerValue.flatMap { $0 >= 0 ? .unsignedInteger(UInt64($0)) : nil }
        case let (.real, .number(number)): candidate = .real(number)
        case let (.boolean, .bool(flag)): candidate = .boolean(flag)
        case let (.enumeration, .string(text)): candidate = .option(text)
        default: candidate = nil
        }
        return candidate.flatMap(normalized)
    }

    /// `value` as a JSON value, numbers as the spec would write them (`0.01`, not the `Float`'s
    /// `0.009999999776`).
    public func json(_ value: ConfigurationValue) -> JSONValue {
        switch value {
        case let .integer(number): return .number(Double(number))
        case let .unsignedInteger(number): return .number(Double(number))
        case let .real(number): return .number(Double(text(of: value)) ?? number)
        case let .boolean(flag): return .bool(flag)
        case let .option(name): return .string(name)
        }
    }
}
