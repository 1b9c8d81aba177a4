/// Everything that defines one training run. A configuration and a data fingerprint fix every number
/// the run produces (same build, same thread count).
///
/// Defaults are the notebook's settings for the autoencoder (k=10, lr=1e-2, c_vector=1e-6, mask 0.5,
/// batch 1024, init 1e-6). `normalize` and `eval_mask` default to the consistent choices (`kept`,
/// `false`) rather than the notebook's (`all`, `true`); the README says why.
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
    /// Approximate ratings per minibatch; a batch holds whole users.
    public var batchSize: Int = 1024
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

    /// The notebook's defaults.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, k, normalize, optimizer, regularization, epochs, patience, seed, threads
        case evaluationProtocol = "protocol"
        case learningRate = "lr"
        case cVector = "c_vector"
        case maskFraction = "mask_fraction"
        case evalMask = "eval_mask"
        case batchSize = "batch_size"
        case initScale = "init_scale"
        case clipPredictions = "clip_predictions"
        case validFraction = "valid_fraction"
        case testFraction = "test_fraction"
    }

    /// The JSON keys a configuration accepts, for strict spec parsing.
    public static let keys: [String] = CodingKeys.allCases.map(\.stringValue)

    /// Decodes any subset of keys; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        let d = TrainingConfiguration()
        model = try value(.model, d.model)
        evaluationProtocol = try value(.evaluationProtocol, d.evaluationProtocol)
        k = try value(.k, d.k)
        learningRate = try value(.learningRate, d.learningRate)
        cVector = try value(.cVector, d.cVector)
        maskFraction = try value(.maskFraction, d.maskFraction)
        normalize = try value(.normalize, d.normalize)
        evalMask = try value(.evalMask, d.evalMask)
        optimizer = try value(.optimizer, d.optimizer)
        regularization = try value(.regularization, d.regularization)
        epochs = try value(.epochs, d.epochs)
        batchSize = try value(.batchSize, d.batchSize)
        patience = try value(.patience, d.patience)
        seed = try value(.seed, d.seed)
        initScale = try value(.initScale, d.initScale)
        clipPredictions = try value(.clipPredictions, d.clipPredictions)
        validFraction = try value(.validFraction, d.validFraction)
        testFraction = try value(.testFraction, d.testFraction)
        threads = try value(.threads, d.threads)
    }

    /// Checks every value, returning one message per problem (key, what is allowed); empty when valid.
    public func problems() -> [(key: String, expected: String)] {
        var found: [(String, String)] = []
        if k < 1 { found.append(("k", "a positive integer")) }
        if !(learningRate > 0) || !learningRate.isFinite { found.append(("lr", "a number > 0")) }
        if !(cVector >= 0) || !cVector.isFinite { found.append(("c_vector", "a number ≥ 0")) }
        if !(maskFraction >= 0 && maskFraction < 1) { found.append(("mask_fraction", "a number in [0, 1)")) }
        if epochs < 1 { found.append(("epochs", "a positive integer")) }
        if batchSize < 1 { found.append(("batch_size", "a positive integer")) }
        if patience < 1 { found.append(("patience", "a positive integer")) }
        if !(initScale >= 0) || !initScale.isFinite { found.append(("init_scale", "a number ≥ 0")) }
        if !(validFraction > 0 && validFraction < 1) { found.append(("valid_fraction", "a number in (0, 1)")) }
        if !(testFraction > 0 && testFraction < 1) { found.append(("test_fraction", "a number in (0, 1)")) }
        if validFraction + testFraction >= 1 { found.append(("test_fraction", "valid_fraction + test_fraction < 1")) }
        if threads < 1 { found.append(("threads", "a positive integer")) }
        return found
    }

    /// Throws the first problem of ``problems()`` as a ``TrainingError/invalidConfiguration(key:expected:)``.
    public func validate() throws {
        if let problem = problems().first {
            throw TrainingError.invalidConfiguration(key: problem.key, expected: problem.expected)
        }
    }

    /// The keys whose values change what this configuration's model computes. Others are ignored
    /// by the model (MF has no mask), so a grid need not run once per value of them.
    public var relevantKeys: Set<String> {
        let split: Set<String> = ["model", "protocol", "seed", "valid_fraction", "test_fraction", "clip_predictions"]
        switch model {
        case .globalMean, .itemBias:
            return split
        case .mf:
            return split.union(["k", "lr", "c_vector", "optimizer", "regularization", "epochs", "batch_size",
                                "patience", "init_scale", "threads"])
        case .mfae:
            return split.union(["k", "lr", "c_vector", "optimizer", "regularization", "epochs", "batch_size",
                                "patience", "init_scale", "threads", "mask_fraction", "normalize", "eval_mask"])
        }
    }

    /// This configuration with every key the model ignores reset to its default, so that two
    /// configurations that compute the same thing compare (and hash) equal.
    public func canonicalized() -> TrainingConfiguration {
        var result = TrainingConfiguration()
        let keep = relevantKeys
        result.model = model
        result.evaluationProtocol = evaluationProtocol
        result.seed = seed
        result.validFraction = validFraction
        result.testFraction = testFraction
        result.clipPredictions = clipPredictions
        if keep.contains("k") { result.k = k }
        if keep.contains("lr") { result.learningRate = learningRate }
        if keep.contains("c_vector") { result.cVector = cVector }
        if keep.contains("optimizer") { result.optimizer = optimizer }
        if keep.contains("regularization") { result.regularization = regularization }
        if keep.contains("epochs") { result.epochs = epochs }
        if keep.contains("batch_size") { result.batchSize = batchSize }
        if keep.contains("patience") { result.patience = patience }
        if keep.contains("init_scale") { result.initScale = initScale }
        if keep.contains("threads") { result.threads = threads }
        if keep.contains("mask_fraction") { result.maskFraction = maskFraction }
        if keep.contains("normalize") { result.normalize = normalize }
        if keep.contains("eval_mask") { result.evalMask = evalMask }
        return result
    }
}
