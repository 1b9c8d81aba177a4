import MFAECore
import Testing

/// Presets: named, valid sets of configuration values per model, which never touch the plain
/// defaults that specs and run keys rely on.
@Suite("Configuration presets")
struct ConfigurationPresetTests {
    @Test(arguments: ConfigurationPreset.allCases)
    func everyPresetGivesAValidConfigurationForEveryModelAndProtocol(preset: ConfigurationPreset) {
        for model in ModelKind.allCases {
            #expect(preset.configuration(for: model) == preset.configuration(for: model, under: preset.evaluationProtocol))
            for evaluationProtocol in EvaluationProtocol.allCases {
                let configuration = preset.configuration(for: model, under: evaluationProtocol)
                #expect(configuration.model == model && configuration.evaluationProtocol == evaluationProtocol)
                #expect(configuration.problems().isEmpty, "\(preset) for \(model): \(configuration.problems())")
                let values = preset.values(for: model, under: evaluationProtocol)
                let keys = values.map(\.key)
                #expect(!keys.contains(.model) && !keys.contains(.evaluationProtocol) && !keys.contains(.seed))
                // The listed values are the configuration's, in table order.
                #expect(keys == ConfigurationKey.all.filter(keys.contains))
                for (key, value) in values {
                    #expect(key.value(in: configuration) == value, "\(preset) \(model) \(key)")
                    #expect(preset.value(of: key, for: model, under: evaluationProtocol) == value)
                }
            }
        }
    }

    @Test func theTunedPresetIsTheStandardOneAndDiffersPerModel() {
        #expect(ConfigurationPreset.standard == .tuned)
        let mfae = ConfigurationPreset.tuned.configuration(for: .mfae)
        let mf = ConfigurationPreset.tuned.configuration(for: .mf)
        // MF trains as the MF libraries do; the autoencoder starts above the notebook's tiny init.
        #expect(mf.regularization == .perExample && mf.batching == .ratings)
        #expect(mfae.regularization == .table && mfae.initScale > TrainingConfiguration().initScale)
        #expect(mfae.k != mf.k)
        // The autoencoder folds new users in from half their ratings under heldout: a larger mask trains for that.
        #expect(ConfigurationPreset.tuned.configuration(for: .mfae, under: .heldout).maskFraction > mfae.maskFraction)
        #expect(ConfigurationPreset.tuned.configuration(for: .mfae, under: .reconstruction).maskFraction == mfae.maskFraction)
        var heldoutMF = ConfigurationPreset.tuned.configuration(for: .mf, under: .heldout)
        heldoutMF.evaluationProtocol = .warm
        #expect(heldoutMF == mf)
        // Models without latent vectors have nothing to tune.
        #expect(ConfigurationPreset.tuned.configuration(for: .itemBias).canonicalized()
                == { var plain = TrainingConfiguration(); plain.model = .itemBias; return plain }())
    }

    @Test func theNotebookPresetIsTheNotebooksSetupForEveryModel() {
        let mfae = ConfigurationPreset.notebook.configuration(for: .mfae)
        #expect(ConfigurationPreset.notebook.evaluationProtocol == .reconstruction)
        #expect(mfae.evaluationProtocol == .reconstruction && mfae.normalize == .all && mfae.evalMask)
        #expect(mfae.k == 10 && mfae.learningRate == 1e-2 && mfae.cVector == 1e-6 && mfae.initScale == 1e-6)
        var mf = ConfigurationPreset.notebook.configuration(for: .mf)
        mf.model = .mfae
        #expect(mf == mfae)
    }
}
