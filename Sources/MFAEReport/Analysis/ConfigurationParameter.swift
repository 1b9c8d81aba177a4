import MFAECore

/// A configuration key a grid can sweep: every ``TrainingConfiguration`` key but the model, the
/// protocol and the seed, which a report treats separately. Declared in the order reports list
/// them, the most telling first.
public enum ConfigurationParameter: String, CaseIterable, Sendable {
    case k
    case learningRate = "lr"
    case cVector = "c_vector"
    case maskFraction = "mask_fraction"
    case normalize
    case evalMask = "eval_mask"
    case optimizer
    case regularization
    case epochs
    case batchSize = "batch_size"
    case patience
    case initScale = "init_scale"
    case clipPredictions = "clip_predictions"
    case validFraction = "valid_fraction"
    case testFraction = "test_fraction"
    case threads

    /// The JSON key, as specs spell it.
    public var key: String { rawValue }

    /// Whether values are numbers that can stand on a numeric axis.
    public var isNumeric: Bool {
        switch self {
        case .normalize, .evalMask, .optimizer, .regularization, .clipPredictions: return false
        default: return true
        }
    }

    /// The value of this parameter in `configuration`.
    public func value(in configuration: TrainingConfiguration) -> ParameterValue {
        let c = configuration
        switch self {
        case .k: return .integer(c.k)
        case .learningRate: return .float(c.learningRate)
        case .cVector: return .float(c.cVector)
        case .maskFraction: return .float(c.maskFraction)
        case .normalize: return .option(c.normalize.rawValue, rank: Normalization.allCases.firstIndex(of: c.normalize) ?? 0)
        case .evalMask: return .option(String(c.evalMask), rank: c.evalMask ? 1 : 0)
        case .optimizer: return .option(c.optimizer.rawValue, rank: OptimizerKind.allCases.firstIndex(of: c.optimizer) ?? 0)
        case .regularization:
            return .option(c.regularization.rawValue, rank: Regularization.allCases.firstIndex(of: c.regularization) ?? 0)
        case .epochs: return .integer(c.epochs)
        case .batchSize: return .integer(c.batchSize)
        case .patience: return .integer(c.patience)
        case .initScale: return .float(c.initScale)
        case .clipPredictions: return .option(String(c.clipPredictions), rank: c.clipPredictions ? 1 : 0)
        case .validFraction: return .double(c.validFraction)
        case .testFraction: return .double(c.testFraction)
        case .threads: return .integer(c.threads)
        }
    }
}

/// The value of a ``ConfigurationParameter``: a label as the spec would write it, and a sort key
/// (the number itself, or the option's position among its cases).
public struct ParameterValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The value as written in a spec: `0.01`, `1e-06`, `kept`, `true`.
    public var label: String
    /// The number for numeric values, the position among the cases for options.
    public var sortKey: Double

    /// An integer value.
    public static func integer(_ value: Int) -> Self { Self(label: String(value), sortKey: Double(value)) }
    /// A `Float` value, labelled with its shortest round-trip spelling (`0.01`, not `0.009999999776`;
    /// `0`, not `0.0`).
    public static func float(_ value: Float) -> Self {
        Self(label: value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : value.description, sortKey: Double(value))
    }
    /// A `Double` value, labelled with its shortest round-trip spelling (`0` for zero).
    public static func double(_ value: Double) -> Self {
        Self(label: value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description, sortKey: value)
    }
    /// A named option at position `rank` among its cases.
    public static func option(_ name: String, rank: Int) -> Self { Self(label: name, sortKey: Double(rank)) }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.sortKey, lhs.label) < (rhs.sortKey, rhs.label) }
    public var description: String { label }
}
