import Foundation
import MFAECore
import Testing

/// The table of configuration keys: one description per key drives coding, validation, relevance,
/// canonicalisation and the canonical text the run key hashes.
@Suite("Configuration keys")
struct ConfigurationKeyTests {
    @Test func namesAreUniqueAndEveryStoredPropertyHasAKey() {
        let names = ConfigurationKey.all.map(\.name)
        #expect(Set(names).count == names.count)
        // Every stored property of the configuration is described: the memberwise layout seen by
        // reflection has one child per key.
        #expect(Mirror(reflecting: TrainingConfiguration()).children.count == ConfigurationKey.all.count)
        for key in ConfigurationKey.all {
            #expect(ConfigurationKey.named(key.name) == key)
            #expect(key.problem(in: TrainingConfiguration()) == nil, "default of \(key) out of range")
        }
    }

    @Test func setAndReadEveryKeyThroughTheTable() throws {
        var configuration = TrainingConfiguration()
        for key in ConfigurationKey.all {
            let value = Self.otherValue(of: key)
            #expect(key.set(value, in: &configuration) == nil)
            #expect(key.value(in: configuration) == key.normalized(value))
        }
        #expect(configuration.problems().isEmpty)
        // JSON round trip through the table's Codable conformance keeps every value.
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: data) == configuration)
        // Every key differs from the default, and its text parses back to the same value.
        for key in ConfigurationKey.all {
            #expect(key.value(in: configuration) != key.defaultValue, "\(key)")
            #expect(key.value(parsing: key.text(of: key.value(in: configuration))) == key.value(in: configuration), "\(key)")
        }
    }

    @Test func problemsUseTheKeysWords() {
        var configuration = TrainingConfiguration()
        configuration.k = 0
        configuration.learningRate = 0
        configuration.maskFraction = 1
        configuration.validFraction = 0.6
        configuration.testFraction = 0.5
        let problems = configuration.problems().map { "\($0.key): \($0.expected)" }
        #expect(problems == ["k: a positive integer", "lr: a number > 0", "mask_fraction: a number in [0, 1)",
                             "test_fraction: valid_fraction + test_fraction < 1"])
        #expect(ConfigurationKey.cVector.kind.expectedRange == "a number ≥ 0")
        #expect(ConfigurationKey.testFraction.kind.expectedRange == "a number in (0, 1)")
        #expect(ConfigurationKey.optimizer.kind.expectedType == "one of adam, lazy_adam")
        #expect(ConfigurationKey.evalMask.kind.expectedType == "true or false")
    }

    @Test func parsingFromTextFollowsTheKind() {
        #expect(ConfigurationKey.optimizer.value(parsing: "lazy-adam") == .option("lazy_adam"))
        #expect(ConfigurationKey.optimizer.value(parsing: "sgd-ish") == nil)
        #expect(ConfigurationKey.k.value(parsing: "2.5") == nil)
        #expect(ConfigurationKey.learningRate.value(parsing: "inf") == nil)
        #expect(ConfigurationKey.learningRate.value(parsing: "0.01") == .real(Double(Float(0.01))))
        #expect(ConfigurationKey.evalMask.value(parsing: "TRUE") == .boolean(true))
        #expect(ConfigurationKey.seed.value(parsing: "-1") == nil)
        // A Float key's text goes through Double: for the spellings specs and flags use, that rounds
        // to the same Float as parsing the text as a Float directly (as the flags did before).
        for text in ["0.01", "1e-6", "1e-06", "3e-3", "0.003", "0.5", "0.9", "1e-4", "0.03", "0.001", "0.1", "0.3", "0.7", "5e-5"] {
            #expect(ConfigurationKey.learningRate.value(parsing: text) == .real(Double(Float(text) ?? .nan)), "\(text)")
        }
    }

    @Test func relevanceAndCanonicalisationFollowTheModels() {
        var mf = TrainingConfiguration()
        mf.model = .mf
        mf.maskFraction = 0.9
        mf.normalize = .all
        #expect(!mf.relevantKeys.contains("mask_fraction") && mf.relevantKeys.contains("k"))
        #expect(mf.canonicalized().maskFraction == TrainingConfiguration().maskFraction)
        #expect(mf.canonicalized().normalize == TrainingConfiguration().normalize)
        var mean = TrainingConfiguration()
        mean.model = .globalMean
        mean.k = 50
        mean.seed = 3
        #expect(mean.canonicalized().k == 10 && mean.canonicalized().seed == 3)
        #expect(mean.relevantKeys == ["model", "protocol", "seed", "valid_fraction", "test_fraction", "clip_predictions"])
    }

    /// The canonical text is pinned literally: a change to it changes every run key.
    @Test func canonicalTextIsPinned() {
        #expect(TrainingConfiguration().canonicalText == """
            mfae-lab configuration v2
            batch_size=1024
            c_vector=1e-06
            clip_predictions=true
            epochs=30
            eval_mask=false
            init_scale=1e-06
            k=10
            lr=0.01
            mask_fraction=0.5
            model=mfae
            normalize=kept
            optimizer=adam
            patience=5
            protocol=warm
            regularization=table
            seed=0
            test_fraction=0.1
            threads=1
            valid_fraction=0.1
            """)
        var c = TrainingConfiguration()
        c.model = .mf
        c.learningRate = 3e-3
        c.cVector = 0
        c.seed = .max
        c.maskFraction = 0.9  // ignored by MF: reset to the default
        let text = c.canonicalText
        #expect(text.contains("\nlr=0.003\n") && text.contains("\nc_vector=0\n") && text.contains("\nmask_fraction=0.5\n"))
        #expect(text.contains("\nseed=18446744073709551615\n"))
    }

    /// Keys added after the first run keys leave the canonical text (and so earlier keys) unchanged
    /// while they hold their legacy value; the original keys have none and are always written.
    @Test func laterKeysLeaveEarlierRunKeysAlone() {
        let original = ["batch_size", "c_vector", "clip_predictions", "epochs", "eval_mask", "init_scale", "k", "lr",
                        "mask_fraction", "model", "normalize", "optimizer", "patience", "protocol", "regularization",
                        "seed", "test_fraction", "threads", "valid_fraction"]
        for key in ConfigurationKey.all {
            if original.contains(key.name) {
                #expect(key.legacyValue == nil, "\(key) was in the first canonical text")
            } else {
                #expect(key.legacyValue != nil, "\(key) needs a legacy value, or every stored run key changes")
            }
        }
    }

    @Test func valuesAreSpelledExplicitly() {
        #expect(ConfigurationValue.real(0).description == "0")
        #expect(ConfigurationValue.real(1024).description == "1024")
        #expect(ConfigurationValue.real(0.1).description == "0.1")
        #expect(ConfigurationValue.real(Double(Float(0.1))).text(singlePrecision: true) == "0.1")
        #expect(ConfigurationValue.real(Double(Float(1e-6))).text(singlePrecision: true) == "1e-06")
        #expect(ConfigurationValue.real(2.5e-7).description == "2.5e-07")
        #expect(ConfigurationValue.unsignedInteger(.max).description == "18446744073709551615")
    }

    /// A valid value other than the default, for each kind.
    static func otherValue(of key: ConfigurationKey) -> ConfigurationValue {
        switch (key.kind, key.defaultValue) {
        case let (.integer, .integer(value)): return .integer(value + 1)
        case let (.unsignedInteger, .unsignedInteger(value)): return .unsignedInteger(value + 7)
        case let (.real, .real(value)): return .real(value == 0 ? 0.25 : value / 2)
        case let (.boolean, .boolean(value)): return .boolean(!value)
        case let (.enumeration(names), .option(name)): return .option(names.first { $0 != name } ?? name)
        default: return key.defaultValue
        }
    }
}
