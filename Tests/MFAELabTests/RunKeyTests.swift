import Foundation
import MFAECore
import Testing
@testable import MFAELab

/// Run keys hash ``TrainingConfiguration/canonicalText``; the literal keys below catch any change to
/// it (a toolchain's number formatting, a renamed key), which would make every stored run unfindable.
@Suite("Run keys")
struct RunKeyTests {
    let fingerprint = LabFixtures.ratings.fingerprint
    static let fixedFingerprint = "2686fd68e37fc3212290396d4556581fc2572e275a00844aa5a80cf5cbdccabf"

    static var pinned: [(TrainingConfiguration, String)] {
        var mf = TrainingConfiguration()
        mf.model = .mf
        mf.evaluationProtocol = .heldout
        mf.k = 4
        mf.learningRate = 0.03
        mf.optimizer = .lazyAdam
        mf.initScale = 0.01
        mf.seed = 1
        var baseline = TrainingConfiguration()
        baseline.model = .itemBias
        baseline.validFraction = 0.15
        return [(TrainingConfiguration(), "7633ccc8d9709fe880f8783c391b0b3b63c18437592f5b4397eb4f96af7a3b17"), (mf, "177fb81507e3b615862fb263be65d4ca188ad43f84c946ce37effc7ceff5a517"), (baseline, "ae334573f42cc9b6f3a8f9ae1ce1f64181123ef3ced43aeddefd9e2e1b163570")]
    }

    /// The first key is `sha256(canonicalText + "\n" + fingerprint)` of the default configuration,
    /// whose text ``ConfigurationKeyTests`` pins; Python's `hashlib` gives the same digest.
    @Test func knownKeysArePinned() {
        for (configuration, expected) in Self.pinned {
            #expect(RunKey.make(configuration: configuration, datasetFingerprint: Self.fixedFingerprint) == expected)
        }
        #expect(RunKey.configurationHash(TrainingConfiguration()) == "209f317521d3dd90ffb3d536a5f4e68d67f05b6571bac79996509e413e2dc843")
    }

    @Test func keysAreStableAcrossExpansionsAndRoundTrips() throws {
        let first = try LabFixtures.plan().jobs.map(\.key)
        let second = try LabFixtures.plan().jobs.map(\.key)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        let configuration = try LabFixtures.plan().jobs[0].run.configuration
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(RunKey.make(configuration: decoded, datasetFingerprint: fingerprint) == first[0])
        #expect(first[0].count == 64)
    }

    @Test("any relevant parameter changes the key", arguments: ConfigurationKey.all)
    func relevantParameterChangesKey(key: ConfigurationKey) throws {
        var base = TrainingConfiguration()
        if !key.isRelevant(to: base.model) { base.model = .mf }  // a key for MF only (batching)
        var other = base
        let changed: ConfigurationValue
        switch key.defaultValue {
        case let .integer(number): changed = .integer(number + 1)
        case let .unsignedInteger(number): changed = .unsignedInteger(number + 1)
        case let .real(number): changed = .real(number == 0 ? 1 : number / 2)
        case let .boolean(flag): changed = .boolean(!flag)
        case let .option(name):
            guard case let .enumeration(names) = key.kind, let next = names.first(where: { $0 != name && $0 != "global_mean" && $0 != "item_bias" })
            else { Issue.record("no other value for \(key)"); return }
            changed = .option(next)
        }
        #expect(key.set(changed, in: &other) == nil)
        #expect(RunKey.make(configuration: base, datasetFingerprint: fingerprint)
                != RunKey.make(configuration: other, datasetFingerprint: fingerprint))
    }

    @Test func ignoredParametersAndDataFingerprint() throws {
        var mf = TrainingConfiguration()
        mf.model = .mf
        var masked = mf
        masked.maskFraction = 0.9
        masked.evalMask = true
        #expect(RunKey.make(configuration: mf, datasetFingerprint: fingerprint)
                == RunKey.make(configuration: masked, datasetFingerprint: fingerprint))
        #expect(RunKey.make(configuration: mf, datasetFingerprint: fingerprint)
                != RunKey.make(configuration: mf, datasetFingerprint: "other"))
    }
}
