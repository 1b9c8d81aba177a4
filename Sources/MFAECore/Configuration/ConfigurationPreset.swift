/// A named set of configuration values for each model (and protocol, where they differ): what
/// `mfae-lab train` starts from before a `--config` file and its flags, which override it in that order.
///
/// A preset belongs to the command line. Specs, stored runs and run keys never see one: a key a spec
/// leaves out keeps meaning its ``TrainingConfiguration`` default, and `train --json` prints the whole
/// configuration a preset resolved to, which `train --config` re-runs whatever the preset.
public enum ConfigurationPreset: String, CaseIterable, Sendable {
    /// Each latent model at its best, so that a first run shows each fairly: values chosen on
    /// validation RMSE of ML-100k (`warm`, and `heldout` for the autoencoder, whose best settings
    /// differ there), several seeds, starting from the equal-budget search's winners
    /// (`Reports/fair_comparison`), rounded, with patience enough to leave the autoencoder's early
    /// plateau (`Docs/presets.md` has the measurements).
    case tuned
    /// The notebook's settings exactly as `Experiments/notebook.json` runs them on ML-100k, for every
    /// model (MF is that spec's baseline): k=10, lr=1e-2, c_vector=1e-6, mask 0.5, batch 1024, mean
    /// pooling over all input ratings, the mask kept at evaluation, init `randn·1e-6`, the
    /// reconstruction protocol, 150 epochs, patience 20.
    case notebook

    /// The preset `train` starts from when none is named.
    public static let standard: ConfigurationPreset = .tuned

    /// One sentence for `--help`: what the preset is for.
    public var summary: String {
        switch self {
        case .tuned: return "each model tuned on ML-100k (validation RMSE) for its protocol, training in seconds"
        case .notebook: return "the notebook's exact settings, as Experiments/notebook.json runs them"
        }
    }

    /// The protocol the preset runs when none is asked for: the notebook's `reconstruction`, else `warm`.
    public var evaluationProtocol: EvaluationProtocol {
        self == .notebook ? .reconstruction : TrainingConfiguration().evaluationProtocol
    }

    /// The keys the preset sets for `model` under `evaluationProtocol` (nil: the preset's own), with
    /// their values, in ``ConfigurationKey/all`` order. Keys it leaves out keep their
    /// ``TrainingConfiguration`` defaults; `model`, `protocol` and `seed` are never among them.
    public func values(for model: ModelKind, under evaluationProtocol: EvaluationProtocol? = nil)
        -> [(key: ConfigurationKey, value: ConfigurationValue)] {
        let table = entries(for: model, under: evaluationProtocol ?? self.evaluationProtocol)
        return ConfigurationKey.all.compactMap { key in table[key].flatMap(key.normalized).map { (key: key, value: $0) } }
    }

    /// The value the preset gives `key` for `model` under `evaluationProtocol`: its own, or the key's default.
    public func value(of key: ConfigurationKey, for model: ModelKind,
                      under evaluationProtocol: EvaluationProtocol? = nil) -> ConfigurationValue {
        values(for: model, under: evaluationProtocol).first { $0.key == key }?.value ?? key.defaultValue
    }

    /// The default configuration for `model` under `evaluationProtocol` (nil: the preset's own), with
    /// the preset's values.
    public func configuration(for model: ModelKind, under evaluationProtocol: EvaluationProtocol? = nil) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.model = model
        configuration.evaluationProtocol = evaluationProtocol ?? self.evaluationProtocol
        for (key, value) in values(for: model, under: evaluationProtocol) { key.set(value, in: &configuration) }
        return configuration
    }

    /// The preset's table. Every training key of a latent model is written out, defaults included, so
    /// a preset means the same whatever the defaults. `tuned` has one autoencoder row per kind of
    /// protocol: under `heldout` a user is folded in from half of their ratings, which a larger mask
    /// trains for (`reconstruction` takes the `warm` row); MF's row serves every protocol.
    private func entries(for model: ModelKind, under evaluationProtocol: EvaluationProtocol) -> [ConfigurationKey: ConfigurationValue] {
        switch (self, model) {
        case (.tuned, .mfae) where evaluationProtocol == .heldout:
            return [.k: .integer(8), .learningRate: .real(2e-2), .cVector: .real(1e-5), .maskFraction: .real(0.65),
                    .normalize: .option("kept"), .evalMask: .boolean(false), .optimizer: .option("adam"),
                    .regularization: .option("table"), .epochs: .integer(200), .batchSize: .integer(1024),
                    .patience: .integer(20), .initScale: .real(1e-3)]
        case (.tuned, .mfae):
            return [.k: .integer(8), .learningRate: .real(7e-3), .cVector: .real(1.5e-5), .maskFraction: .real(0.15),
                    .normalize: .option("kept"), .evalMask: .boolean(false), .optimizer: .option("adam"),
                    .regularization: .option("table"), .epochs: .integer(200), .batchSize: .integer(1024),
                    .patience: .integer(20), .initScale: .real(1e-3)]
        case (.tuned, .mf):
            return [.k: .integer(32), .learningRate: .real(5e-4), .cVector: .real(0.094), .optimizer: .option("adam"),
                    .regularization: .option("per_example"), .epochs: .integer(200), .batchSize: .integer(256),
                    .batching: .option("ratings"), .patience: .integer(10), .initScale: .real(0.0175)]
        case (.tuned, .globalMean), (.tuned, .itemBias):
            return [:]
        case (.notebook, _):
            return [.k: .integer(10), .learningRate: .real(1e-2),
                    .cVector: .real(1e-6), .maskFraction: .real(0.5), .normalize: .option("all"), .evalMask: .boolean(true),
                    .optimizer: .option("adam"), .regularization: .option("table"), .epochs: .integer(150),
                    .batchSize: .integer(1024), .batching: .option("users"), .patience: .integer(20), .initScale: .real(1e-6)]
        }
    }
}
