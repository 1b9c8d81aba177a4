/// One key of a ``TrainingConfiguration``, described once: its JSON name, the kind and range of its
/// values, the models whose results it changes, its `train` flag and help. Decoding and encoding,
/// validation (``TrainingConfiguration/problems()``), relevance and canonicalisation, the run key's
/// canonical form, the spec checker, the report's parameter columns and the `train` options all read
/// this description; ``all`` (in `ConfigurationKey+Table.swift`) lists every key.
public struct ConfigurationKey: Sendable, Hashable, CustomStringConvertible {
    /// The JSON key, as specs, the store and `--json` output spell it: `c_vector`.
    public let name: String
    /// The type and allowed range of the key's values.
    public let kind: ConfigurationValueKind
    /// The models whose results depend on the key. For other models it is reset to its default by
    /// ``TrainingConfiguration/canonicalized()``, so a grid need not run them once per value.
    public let models: Set<ModelKind>
    /// One sentence for `--help`: what the key sets.
    public let help: String
    /// Whether the key is stored as a `Float`, so its reals are spelled at `Float` precision.
    public let isSinglePrecision: Bool
    /// For a key added after run keys were first computed: the value that reproduces what runs did
    /// before the key existed. ``TrainingConfiguration/canonicalText`` leaves the key out while it
    /// has this value, so adding a key does not change the keys of earlier runs. Nil for the
    /// original keys, which are always written. Never change it once set.
    public let legacyValue: ConfigurationValue?
    private let storage: Storage

    /// The `train` flag without its dashes: the JSON name with `-` for `_` (`c-vector`).
    public var flag: String { name.replacingOccurrences(of: "_", with: "-") }
    /// The JSON name.
    public var description: String { name }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    // MARK: Values

    /// The key's value in `configuration`.
    public func value(in configuration: TrainingConfiguration) -> ConfigurationValue {
        storage.read(configuration)
    }

    /// The value of a default ``TrainingConfiguration``.
    public var defaultValue: ConfigurationValue { value(in: TrainingConfiguration()) }

    /// Sets the key to `value` in `configuration`.
    /// - Returns: nil, or what the key expects when `value` is not of its type (ranges are left to
    ///   ``TrainingConfiguration/problems()``).
    @discardableResult
    public func set(_ value: ConfigurationValue, in configuration: inout TrainingConfiguration) -> String? {
        storage.write(&configuration, value) ? nil : kind.expectedType
    }

    /// `value` as the key stores it (an option's canonical spelling, a `Float` key's real rounded to
    /// `Float`), or nil when it is not of the key's type.
    public func normalized(_ value: ConfigurationValue) -> ConfigurationValue? {
        var scratch = TrainingConfiguration()
        guard storage.write(&scratch, value) else { return nil }
        return storage.read(scratch)
    }

    /// Parses command-line text (`10`, `1e-3`, `true`, `lazy-adam`) as a value of the key, or nil
    /// when it is not one.
    public func value(parsing text: String) -> ConfigurationValue? {
        let candidate: ConfigurationValue?
        switch kind {
        case .integer: candidate = Int(text).map(ConfigurationValue.integer)
        case .unsignedInteger: candidate = UInt64(text).map(ConfigurationValue.unsignedInteger)
        case .real: candidate = Double(text).flatMap { $0.isFinite ? .real($0) : nil }
        case .boolean: candidate = ["true": true, "false": false][text.lowercased()].map(ConfigurationValue.boolean)
        case .enumeration: candidate = .option(text)
        }
        return candidate.flatMap(normalized)
    }

    /// `value` as labels and the run key write it (see ``ConfigurationValue/description``).
    public func text(of value: ConfigurationValue) -> String {
        value.text(singlePrecision: isSinglePrecision)
    }

    /// What is wrong with the key's value in `configuration` on its own (type or range), or nil.
    public func problem(in configuration: TrainingConfiguration) -> String? {
        kind.problem(with: value(in: configuration))
    }

    /// Whether the key changes what `model` computes.
    public func isRelevant(to model: ModelKind) -> Bool { models.contains(model) }

    /// Copies the key's value from `source` into `target`, exactly.
    func copy(from source: TrainingConfiguration, to target: inout TrainingConfiguration) {
        storage.copy(source, &target)
    }

    // MARK: Coding

    /// Decodes the key, if present, into `configuration`.
    func decode(from container: KeyedDecodingContainer<ConfigurationCodingKey>,
                into configuration: inout TrainingConfiguration) throws {
        try storage.decode(container, ConfigurationCodingKey(name), &configuration)
    }

    /// Encodes the key's value in `configuration`.
    func encode(_ configuration: TrainingConfiguration, to container: inout KeyedEncodingContainer<ConfigurationCodingKey>) throws {
        try storage.encode(configuration, &container, ConfigurationCodingKey(name))
    }

    // MARK: Making keys

    /// Closures over one stored property of ``TrainingConfiguration``. Key paths are immutable, so
    /// sharing them across threads is safe.
    private struct Storage: @unchecked Sendable {
        var read: (TrainingConfiguration) -> ConfigurationValue
        var write: (inout TrainingConfiguration, ConfigurationValue) -> Bool
        var copy: (TrainingConfiguration, inout TrainingConfiguration) -> Void
        var decode: (KeyedDecodingContainer<ConfigurationCodingKey>, ConfigurationCodingKey, inout TrainingConfiguration) throws -> Void
        var encode: (TrainingConfiguration, inout KeyedEncodingContainer<ConfigurationCodingKey>, ConfigurationCodingKey) throws -> Void

        init<Stored: Codable>(_ path: WritableKeyPath<TrainingConfiguration, Stored>,
                              wrap: @escaping (Stored) -> ConfigurationValue,
                              unwrap: @escaping (ConfigurationValue) -> Stored?) {
            read = { wrap($0[keyPath: path]) }
            write = { configuration, value in
                guard let stored = unwrap(value) else { return false }
                configuration[keyPath: path] = stored
                return true
            }
            copy = { source, target in target[keyPath: path] = source[keyPath: path] }
            decode = { container, key, configuration in
                if let stored = try container.decodeIfPresent(Stored.self, forKey: key) { configuration[keyPath: path] = stored }
            }
            encode = { configuration, container, key in try container.encode(configuration[keyPath: path], forKey: key) }
        }
    }

    private init(name: String, kind: ConfigurationValueKind, models: Set<ModelKind>, help: String,
                 isSinglePrecision: Bool = false, legacyValue: ConfigurationValue?, storage: Storage) {
        self.name = name; self.kind = kind; self.models = models; self.help = help
        self.isSinglePrecision = isSinglePrecision; self.storage = storage
        self.legacyValue = legacyValue.flatMap { value in
            var scratch = TrainingConfiguration()
            return storage.write(&scratch, value) ? storage.read(scratch) : nil
        }
    }

    /// An `Int` key of values ≥ `minimum`.
    static func integer(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, Int>, minimum: Int,
                        models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .integer(minimum: minimum), models: models, help: help, legacyValue: legacyValue,
                         storage: Storage(path, wrap: { .integer($0) }, unwrap: {
                             if case let .integer(value) = $0 { return value } else { return nil }
                         }))
    }

    /// A `UInt64` key.
    static func unsignedInteger(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, UInt64>,
                                models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .unsignedInteger, models: models, help: help, legacyValue: legacyValue,
                         storage: Storage(path, wrap: { .unsignedInteger($0) }, unwrap: {
                             if case let .unsignedInteger(value) = $0 { return value } else { return nil }
                         }))
    }

    /// A `Float` key with values in `interval`. A real too large for a `Float` is not of its type.
    static func real(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, Float>, in interval: RealInterval,
                     models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .real(interval), models: models, help: help, isSinglePrecision: true,
                         legacyValue: legacyValue, storage: Storage(path, wrap: { .real(Double($0)) }, unwrap: {
                             guard case let .real(value) = $0 else { return nil }
                             let single = Float(value)
                             return single.isFinite || !value.isFinite ? single : nil
                         }))
    }

    /// A `Double` key with values in `interval`.
    static func real(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, Double>, in interval: RealInterval,
                     models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .real(interval), models: models, help: help, legacyValue: legacyValue,
                         storage: Storage(path, wrap: { .real($0) }, unwrap: {
                             if case let .real(value) = $0 { return value } else { return nil }
                         }))
    }

    /// A `Bool` key.
    static func boolean(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, Bool>,
                        models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .boolean, models: models, help: help, legacyValue: legacyValue,
                         storage: Storage(path, wrap: { .boolean($0) }, unwrap: {
                             if case let .boolean(value) = $0 { return value } else { return nil }
                         }))
    }

    /// A key of a ``NamedOption`` type; values are its raw values, `-` accepted for `_`.
    static func option<Option: NamedOption>(_ name: String, _ path: WritableKeyPath<TrainingConfiguration, Option>,
                                            models: Set<ModelKind>, help: String, legacyValue: ConfigurationValue? = nil) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .enumeration(Option.allCases.map(\.rawValue)), models: models, help: help, legacyValue: legacyValue,
                         storage: Storage(path, wrap: { .option($0.rawValue) }, unwrap: {
                             if case let .option(text) = $0 { return Option(parsing: text) } else { return nil }
                         }))
    }
}

/// A ``ConfigurationKey``'s JSON name as a coding key.
struct ConfigurationCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
