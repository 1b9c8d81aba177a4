/// Every configuration key, in the order reports list them (the most telling first).
///
/// To add a hyperparameter: a stored property in ``TrainingConfiguration``, one entry here (and in
/// ``all``) with a `legacyValue` (the value that does what runs did before the key existed, so that
/// stored run keys stay valid), one option line in the `train` command (`ConfigurationOptions`), and
/// the code that uses it. Specs, the spec checker, reports, exports and run keys need nothing more.
extension ConfigurationKey {
    private static let everyModel = Set(ModelKind.allCases)
    private static let latent: Set<ModelKind> = [.mfae, .mf]
    private static let autoencoder: Set<ModelKind> = [.mfae]

    /// Which model a run trains.
    public static let model = option("model", \.model, models: everyModel, help: "The model to train.")
    /// The evaluation protocol.
    public static let evaluationProtocol = option(
        "protocol", \.evaluationProtocol, models: everyModel, help: "The validation protocol.")
    /// Latent dimensions.
    public static let k = integer("k", \.k, minimum: 1, models: latent, help: "Latent dimensions.")
    /// Adam's step size.
    public static let learningRate = real("lr", \.learningRate, in: .positive, models: latent, help: "Adam's learning rate.")
    /// Weight of the L2 prior.
    public static let cVector = real(
        "c_vector", \.cVector, in: .nonNegative, models: latent, help: "Weight of the L2 prior on the vector tables.")
    /// The autoencoder's input dropout.
    public static let maskFraction = real(
        "mask_fraction", \.maskFraction, in: .probability, models: autoencoder,
        help: "Probability of dropping an encoder input rating in training.")
    /// The pooling denominator.
    public static let normalize = option(
        "normalize", \.normalize, models: autoencoder, help: "Pooling denominator: 1 + all input ratings, or 1 + kept ones.")
    /// Whether the mask also applies at evaluation.
    public static let evalMask = boolean(
        "eval_mask", \.evalMask, models: autoencoder,
        help: "Apply the random mask at evaluation too (the notebook's behaviour).")
    /// Dense or lazy Adam.
    public static let optimizer = option(
        "optimizer", \.optimizer, models: latent, help: "Dense Adam (every parameter every step) or lazy Adam (touched rows).")
    /// The form of the L2 prior.
    public static let regularization = option(
        "regularization", \.regularization, models: latent,
        help: "The L2 prior: whole tables every step (the notebook's) or per example.")
    /// Maximum epochs.
    public static let epochs = integer("epochs", \.epochs, minimum: 1, models: latent, help: "Maximum epochs.")
    /// Ratings per minibatch.
    public static let batchSize = integer(
        "batch_size", \.batchSize, minimum: 1, models: latent, help: "Approximate ratings per minibatch (whole users).")
    /// Minibatches of whole users or of single ratings.
    public static let batching = option(
        "batching", \.batching, models: [.mf],
        help: "Minibatches of whole users, or of single ratings shuffled every epoch as MF libraries' SGD visits them (mf only).",
        legacyValue: .option(Batching.users.rawValue))
    /// Early-stopping patience.
    public static let patience = integer(
        "patience", \.patience, minimum: 1, models: latent, help: "Epochs without a better validation RMSE before stopping.")
    /// Initial parameter scale.
    public static let initScale = real(
        "init_scale", \.initScale, in: .nonNegative, models: latent, help: "Standard deviation of the initial parameters.")
    /// Whether predictions are clipped.
    public static let clipPredictions = boolean(
        "clip_predictions", \.clipPredictions, models: everyModel,
        help: "Clip predictions to the rating range before computing metrics.")
    /// Validation share.
    public static let validFraction = real(
        "valid_fraction", \.validFraction, in: .openUnit, models: everyModel,
        help: "Fraction of ratings (of users, for heldout) used for validation.")
    /// Test share.
    public static let testFraction = real(
        "test_fraction", \.testFraction, in: .openUnit, models: everyModel,
        help: "Fraction of ratings (of users, for heldout) used for testing.")
    /// Threads inside a run.
    public static let threads = integer(
        "threads", \.threads, minimum: 1, models: latent, help: "Threads for data-parallel training inside the run.")
    /// The relevance threshold of the top-N metrics. Added after runs were stored: 4 stars, the
    /// threshold runs used before the key existed, is left out of the run key.
    public static let relevanceThreshold = real(
        "relevance_threshold", \.relevanceThreshold, in: .nonNegative, models: [.mfae, .mf, .itemBias],
        help: "Smallest test rating that counts as relevant in the top-N metrics.", legacyValue: .real(4))
    /// The seed.
    public static let seed = unsignedInteger(
        "seed", \.seed, models: everyModel, help: "Seed of the split, initialisation, masks and shuffling.")

    /// Every key, in report order.
    public static let all: [ConfigurationKey] = [
        model, evaluationProtocol, k, learningRate, cVector, maskFraction, normalize, evalMask, optimizer,
        regularization, epochs, batchSize, batching, patience, initScale, clipPredictions, validFraction, testFraction,
        threads, relevanceThreshold, seed,
    ]

    /// The key named `name` (its JSON name), if any.
    public static func named(_ name: String) -> ConfigurationKey? { all.first { $0.name == name } }
}
