import Foundation
import MFAECore
import Testing
@testable import MFAELab

@Suite("Spec parsing")
struct SpecParsingTests {
    static let experimentsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Experiments")

    static let shippedSpecs = ["smoke", "notebook", "mask_sweep", "k_sweep", "regularization_sweep", "protocols",
                               "normalization"]

    @Test("every shipped spec parses, has a description and expands", arguments: shippedSpecs)
    func shippedSpecParses(name: String) throws {
        let path = Self.experimentsFolder.appendingPathComponent("\(name).json").path
        let (spec, _) = try ExperimentSpec.load(path: path)
        #expect(spec.name == name)
        #expect(spec.description.count > 40)
        #expect(spec.expand().runs.count > 0)
    }

    /// The notebook's experiments on its own data set, `Experiments/ml1m/<name>.json`: the same grids
    /// as the ML-100k specs of that name, on `ml-1m`, named `<name>_ml1m`.
    @Test("every ML-1M spec parses and keeps its ML-100k twin's grid", arguments: ["notebook", "mask_sweep", "protocols"])
    func ml1mSpecParses(name: String) throws {
        let folder = Self.experimentsFolder.appendingPathComponent("ml1m")
        let (spec, _) = try ExperimentSpec.load(path: folder.appendingPathComponent("\(name).json").path)
        let (twin, _) = try ExperimentSpec.load(path: Self.experimentsFolder.appendingPathComponent("\(name).json").path)
        #expect(spec.name == "\(name)_ml1m")
        #expect(spec.dataset == .named("ml-1m"))
        #expect(spec.description.contains("ML-1M"))
        #expect(spec.sweep == twin.sweep && spec.seeds == twin.seeds)
        let runs = try spec.expand().runs, twinRuns = try twin.expand().runs
        #expect(runs.count == twinRuns.count)
        if name == "notebook" {
            let c = try #require(runs.first { $0.configuration.model == .mfae }).configuration
            #expect(c.epochs == 12 && c.k == 10 && c.cVector == 1e-6 && c.maskFraction == 0.5 && c.evalMask)
        } else {
            #expect(spec.base == twin.base)
        }
    }

    @Test func notebookSpecHasTheNotebooksSettings() throws {
        let (spec, _) = try ExperimentSpec.load(path: Self.experimentsFolder.appendingPathComponent("notebook.json").path)
        let run = try #require(spec.expand().runs.first { $0.configuration.model == .mfae })
        let c = run.configuration
        #expect(c.k == 10 && c.learningRate == 1e-2 && c.cVector == 1e-6 && c.maskFraction == 0.5 && c.batchSize == 1024)
        #expect(c.normalize == .all && c.evalMask && c.evaluationProtocol == .reconstruction)
    }

    @Test func goodSpecDecodesEveryPart() throws {
        let spec = try LabFixtures.spec()
        #expect(spec.name == "test")
        #expect(spec.seeds == [0, 1])
        #expect(spec.sweep[.k] == [.integer(2), .integer(4)])
        #expect(spec.base[.epochs] == .integer(3))
        #expect(spec.baselines.map(\.model) == [.mf, .itemBias])
        guard case let .synthetic(parameters) = spec.dataset else { Issue.record("not synthetic"); return }
        #expect(parameters.users == 20)
    }

    @Test("each dataset form parses", arguments: [
        #""ml-100k""#, #""synthetic""#, #""data/ml-1m""#, #"{"synthetic": {"users": 10, "items": 20, "ratings": 150, "noise": 0.1}}"#,
        #"{"folder": "data/ml-1m", "format": "dat"}"#,
    ])
    func datasetForms(dataset: String) throws {
        let text = #"{"name": "d", "dataset": \#(dataset), "seeds": [0]}"#
        _ = try ExperimentSpec.parse(Data(text.utf8))
    }

    /// Parses `text` expecting failure; returns the problems.
    private func problems(_ text: String) -> [LabError] {
        do {
            _ = try ExperimentSpec.parse(Data(text.utf8), file: "bad.json")
            Issue.record("parsed a bad spec")
            return []
        } catch let LabError.invalidSpec(file, problems) {
            #expect(file == "bad.json")
            return problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    private func spec(base: String = "{}", sweep: String = "{}", extra: String = "") -> String {
        #"{"name": "x", "dataset": "synthetic", "base": \#(base), "sweep": \#(sweep), "seeds": [0]\#(extra)}"#
    }

    @Test("each kind of bad spec is reported at its path", arguments: [
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "sweeep": {}}"#, "sweeep: unknown key"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"kk": 3}, "seeds": [0]}"#, "base.kk: unknown key"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"learning_rate": [1]}, "seeds": [0]}"#, "sweep.learning_rate: unknown key"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"k": "ten"}, "seeds": [0]}"#, "base.k: expected an integer"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"k": 0}, "seeds": [0]}"#, "base.k: expected a positive integer"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"k": [4, 0]}, "seeds": [0]}"#, "sweep.k[1]: expected a positive integer"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"lr": [0.1, 0]}, "seeds": [0]}"#, "sweep.lr[1]: expected a number > 0"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"lr": -1}, "seeds": [0]}"#, "base.lr: expected a number > 0"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"mask_fraction": [0.5, 1]}, "seeds": [0]}"#, "sweep.mask_fraction[1]: expected a number in [0, 1)"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"mask_fraction": -0.1}, "seeds": [0]}"#, "base.mask_fraction: expected a number in [0, 1)"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"protocol": ["warm", "cold"]}, "seeds": [0]}"#, "sweep.protocol[1]: expected one of reconstruction, heldout, warm"),
        (#"{"name": "x", "dataset": "synthetic", "base": {"model": "svd"}, "seeds": [0]}"#, "base.model: expected one of mfae, mf, global_mean, item_bias"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"k": []}, "seeds": [0]}"#, "sweep.k: expected a non-empty list"),
        (#"{"name": "x", "dataset": "synthetic", "sweep": {"k": 3}, "seeds": [0]}"#, "sweep.k: expected a non-empty list"),
        (#"{"name": "x", "dataset": "synthetic"}"#, "seeds: missing"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": []}"#, "seeds: expected a non-empty list"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0, -1]}"#, "seeds[1]: expected a non-negative integer"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "base": {"seed": 1}}"#, "base.seed: not allowed here"),
        (#"{"dataset": "synthetic", "seeds": [0]}"#, "name: missing"),
        (#"{"name": "x", "seeds": [0]}"#, "dataset: missing"),
        (#"{"name": "x", "dataset": 3, "seeds": [0]}"#, "dataset: expected"),
        (#"{"name": "x", "dataset": {"synthetic": {"userz": 3}}, "seeds": [0]}"#, "dataset.synthetic.userz: unknown key"),
        (#"{"name": "x", "dataset": {"synthetic": {"users": 2.5}}, "seeds": [0]}"#, "dataset.synthetic.users: expected a non-negative integer"),
        (#"{"name": "x", "dataset": {"synthetic": {"users": 10, "items": 10, "ratings": 500}}, "seeds": [0]}"#, "dataset.synthetic.ratings: expected at most users × items"),
        (#"{"name": "x", "dataset": {"folder": "d", "format": "xml"}, "seeds": [0]}"#, "dataset.format: expected one of"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "baselines": [{"model": "svd"}]}"#, "baselines[0].model: expected one of"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "baselines": [{}]}"#, "baselines[0].model: missing"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "baselines": [{"model": "mf", "bsae": {}}]}"#, "baselines[0].bsae: unknown key"),
        (#"{"name": "x", "dataset": "synthetic", "seeds": [0], "baselines": [{"model": "mf", "sweep": {"lr": [0]}}]}"#, "baselines[0].sweep.lr[0]: expected a number > 0"),
    ])
    func badSpec(text: String, message: String) {
        let found = problems(text).map(\.description)
        #expect(found.contains { $0.hasPrefix(message) }, "\(found)")
    }

    @Test func unknownKeySuggestsTheClosestOne() {
        let found = problems(spec(base: #"{"mask_fractoin": 0.5}"#)).map(\.description)
        #expect(found.first?.contains(#"did you mean "mask_fraction"?"#) == true)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = #"""
            {"name": "", "extra": 1, "dataset": "synthetic", "base": {"k": 0, "lr": "fast"},
             "sweep": {"protocol": ["cold"], "mask_fraction": [1.5], "k": []}}
            """#
        let paths = Set(problems(text).compactMap(\.path))
        #expect(paths == ["extra", "name", "base.k", "base.lr", "sweep.protocol[0]", "sweep.mask_fraction[0]",
                          "sweep.k", "seeds"])
    }

    @Test func malformedJSONIsReportedWithTheFile() {
        #expect(throws: LabError.self) { try ExperimentSpec.parse(Data("{\"name\": ".utf8), file: "broken.json") }
        do {
            _ = try ExperimentSpec.parse(Data("{\"name\": ".utf8), file: "broken.json")
        } catch {
            #expect("\(error)".hasPrefix("broken.json: not valid JSON"))
        }
    }

    @Test func combinationProblemsAreReportedOnResolvedConfigurations() {
        let found = problems(spec(base: #"{"valid_fraction": 0.5, "test_fraction": 0.6}"#)).map(\.description)
        #expect(found.contains { $0.contains("valid_fraction + test_fraction < 1") }, "\(found)")
    }

    @Test func aMissingSpecFileIsUnreadable() {
        #expect(throws: LabError.self) { try ExperimentSpec.load(path: "/nonexistent/spec.json") }
    }
}
