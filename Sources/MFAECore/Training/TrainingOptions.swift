/// A string-valued option that parses from JSON or the command line, accepting `-` for `_`.
public protocol NamedOption: RawRepresentable, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {}

extension NamedOption {
    /// Parses `text`, treating `-` and `_` alike (`lazy-adam` is `lazy_adam`).
    public init?(parsing text: String) {
        let normalized = text.replacingOccurrences(of: "-", with: "_")
        guard let value = Self.allCases.first(where: { $0.rawValue == normalized }) else { return nil }
        self = value
    }
    /// The allowed spellings, for error messages: `mfae, mf, global_mean`.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
    public var description: String { rawValue }
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected one of \(Self.allowedValues), got \"\(text)\"")
        }
        self = value
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Which model a run trains.
public enum ModelKind: String, NamedOption {
    /// The matrix factorization autoencoder of the notebook.
    case mfae
    /// Classic latent MF: global mean + user bias + item bias + user vector · item vector.
    case mf
    /// Predicts the training mean for every rating.
    case globalMean = "global_mean"
    /// Global mean plus a shrunk per-item bias, fitted in closed form.
    case itemBias = "item_bias"

    /// Whether the model has latent vectors and is trained by the optimiser.
    public var isLatent: Bool { self == .mfae || self == .mf }
}

/// How models are validated and tested; see the README for the three protocols.
public enum EvaluationProtocol: String, NamedOption {
    /// The notebook's: the evaluated ratings are also the encoder's input (leaks by design).
    case reconstruction
    /// Half-held-out users: encode half of a new user's ratings, score the hidden half.
    case heldout
    /// The standard rating split: encode the user's training ratings, score held-out ratings.
    case warm
}

/// The denominator of the autoencoder's mean pooling.
public enum Normalization: String, NamedOption {
    /// The notebook's: 1 + all of the user's input ratings, masked or not.
    case all
    /// 1 + the ratings actually encoded (kept by the mask): a true mean of the encoded codes.
    case kept
}

/// Which rows Adam updates each step.
public enum OptimizerKind: String, NamedOption {
    /// Every parameter every step, as PyTorch's Adam does in the notebook.
    case adam
    /// Only rows touched by the batch (and their L2); what makes 10M+ ratings tractable.
    case lazyAdam = "lazy_adam"
}

/// The L2 prior on the vector tables.
public enum Regularization: String, NamedOption {
    /// The notebook's: `c_vector × (ΣE² + ΣD²)` over whole tables, added to every step's loss.
    case table
    /// Classic MF libraries': `c_vector × |row|²` for each use of a row in the batch, averaged like the MSE.
    case perExample = "per_example"
}

/// What a training minibatch is made of.
public enum Batching: String, NamedOption {
    /// Whole users: a user's ratings never straddle two batches (the notebook's; the autoencoder needs it,
    /// since a user's ratings are its encoder's input).
    case users
    /// Single ratings, shuffled afresh every epoch, as the SGD of classic MF libraries visits them: a
    /// user's vector gets a gradient in most batches rather than in one batch per epoch. MF only: the
    /// autoencoder ignores it (its encoder's input is the user's ratings).
    case ratings
}
