/// Everything that defines one training run. A configuration and a data fingerprint fix every number
/// the run produces (same build, same thread count).
///
/// Defaults are the notebook's settings for the autoencoder (k=10, lr=1e-2, c_vector=1e-6, mask 0.5,
/// batch 1024, init 1e-6). `normalize` and `eval_mask` default to the consistent choices (`kept`,
/// `false`) rather than the notebook's (`all`, `true`); the README says why. These plain defaults are
/// what a spec's omitted key means (run keys depend on it: never change one); `mfae-lab train` starts
/// from a ``ConfigurationPreset`` instead.
public struct TrainingConfiguration: Codable, Sendable, Hashable {
    public var model: ModelKind = .mfae
    public var evaluationProtocol: EvaluationProtocol = .warm
    /// Latent dimensions.
    public var k: Int = 10
    /// Adam's step size.
    public var learningRate: Float = 1e-2
    /// Weight of the L2 prior on the vector tables.
    public var cVector: Float = 1e-6
    /// Probability that an input rating is dropped from the encoder during training.
    public var maskFraction: Float = 0.5
    public var normalize: Normalization = .kept
    /// Whether the training mask also applies when evaluating (the notebook's behaviour).
    public var evalMask: Bool = false
    public var optimizer: OptimizerKind = .adam
    public var regularization: Regularization = .table
    /// Maximum number of epochs.
    public var epochs: Int = 30
    /// Approximate ratings per minibatch; a batch holds whole users unless `batching` is `ratings`.
    public var batchSize: Int = 1024
    /// Whether MF's minibatches are made of whole users (the default) or single ratings.
    public var batching: Batching = .users
    /// Epochs without a better validation RMSE before stopping.
    public var patience: Int = 5
    /// Fixes the split, the initialisation, the masks and the shuffling.
    public var seed: UInt64 = 0
    /// Standard deviation of the initial parameters (notebook: `randn * 1e-6`).
    public var initScale: Float = 1e-6
    /// Whether predictions are clipped to the rating range before metrics are computed.
    public var clipPredictions: Bool = true
    /// Fraction of ratings (or users, for `heldout`) used for validation.
    public var validFraction: Double = 0.1
    /// Fraction of ratings (or users, for `heldout`) used for testing.
    public var testFraction: Double = 0.1
    /// Threads used inside the run for data-parallel training.
    public var threads: Int = 1
    /// The smallest test rating that counts as relevant in the top-N metrics (``TopNEvaluation``).
    public var relevanceThreshold: Float = TopNEvaluation.defaultThreshold

    /// The notebook's defaults.
    public init() {}

    /// Decodes any subset of keys; missing keys keep their defaults, unknown keys are ignored (specs
    /// reject them before decoding).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: ConfigurationCodingKey.self)
        for key in ConfigurationKey.all {
            try key.decode(from: container, into: &self)
        }
    }

    /// Encodes every key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: ConfigurationCodingKey.self)
        for key in ConfigurationKey.all {
            try key.encode(self, to: &container)
        }
    }

    /// Checks every value, returning one message per problem (key, what is allowed); empty when valid.
    public func problems() -> [(key: String, expected: String)] {
        var found = ConfigurationKey.all.compactMap { key in key.problem(in: self).map { (key: key.name, expected: $0) } }
        if validFraction + testFraction >= 1 {
            found.append((key: ConfigurationKey.testFraction.name, expected: "valid_fraction + test_fraction < 1"))
        }
        return found
    }

    /// Throws the first problem of ``problems()`` as a ``TrainingError/invalidConfiguration(key:expected:)``.
    public func validate() throws {
        if let problem = problems().first {
            throw TrainingError.invalidConfiguration(key: problem.key, expected: problem.expected)
        }
    }

    /// The keys whose values change what this configuration's model computes (``ConfigurationKey/models``).
    /// Others are ignored by the model (MF has no mask), so a grid need not run once per value of them.
    public var relevantKeys: Set<String> {
        Set(ConfigurationKey.all.filter { $0.isRelevant(to: model) }.map(\.name))
    }

    /// This configuration with every key the model ignores reset to its default, so that two
    /// configurations that compute the same thing compare (and hash) equal.
    public func canonicalized() -> TrainingConfiguration {
        var result = TrainingConfiguration()
        for key in ConfigurationKey.all where key.isRelevant(to: model) {
            key.copy(from: self, to: &result)
        }
        return result
    }
}
