import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// `train --preset`: the tuned preset by default for each model, the notebook's exact settings one
/// flag away, and the order of the layers: preset, then `--config`, then flags.
@Suite("train --preset, end to end")
struct TrainPresetTests {
    static let dataset = #"{"synthetic": {"users": 60, "items": 30, "ratings": 900, "rank": 3, "noise": 0.3, "seed": 3}}"#

    /// The `--json` object of `train` on the tiny data set with `arguments`.
    func train(_ arguments: [String], in folder: TemporaryDirectory, input: String? = nil) throws -> [String: Any] {
        let result = try CLIProcess.run(["train", "--dataset", Self.dataset, "--json"] + arguments, in: folder.url, input: input)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The `configuration` of a `--json` object, decoded.
    func configuration(_ summary: [String: Any]) throws -> TrainingConfiguration {
        let object = try #require(summary["configuration"])
        return try JSONDecoder().decode(TrainingConfiguration.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    @Test(arguments: [
        ([String](), ModelKind.mfae, EvaluationProtocol?.none),
        (["--model", "mfae"], .mfae, nil),
        (["--model", "mf"], .mf, nil),
        (["--protocol", "heldout"], .mfae, .heldout),
        (["--model", "mf", "--protocol", "heldout"], .mf, .heldout),
    ])
    func aPlainTrainUsesTheTunedPresetOfItsModelAndProtocol(flags: [String], model: ModelKind,
                                                            evaluationProtocol: EvaluationProtocol?) throws {
        try TemporaryDirectory.with { folder in
            // Only the model and protocol (or neither) and a short run are asked for; the rest is the preset's.
            let summary = try train(flags + ["--epochs", "2"], in: folder)
            var expected = ConfigurationPreset.tuned.configuration(for: model, under: evaluationProtocol)
            expected.epochs = 2
            #expect(summary["preset"] as? String == "tuned")
            #expect(try configuration(summary) == expected)
            #expect(expected.evaluationProtocol == evaluationProtocol ?? .warm)
        }
    }

    /// `--preset notebook` trains exactly what each `Experiments/notebook*.json` run trains (on a tiny
    /// data set in place of MovieLens): the same configuration (with ML-1M's 12 epochs as a flag) and
    /// the same test RMSE, for MFAE and its MF baseline.
    @Test(arguments: [("notebook.json", [String]()), ("ml1m/notebook.json", ["--epochs", "12"])])
    func theNotebookPresetIsTheNotebookSpec(spec: String, flags: [String]) throws {
        let text = try String(contentsOf: LabTestFolder.experiments.appendingPathComponent(spec), encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        object["dataset"] = try JSONSerialization.jsonObject(with: Data(Self.dataset.utf8))
        try TemporaryDirectory.with { folder in
            _ = try folder.write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self),
                                 to: "notebook.json")
            let run = try CLIProcess.run(["run", "notebook.json"], in: folder.url)
            #expect(run.status == 0, "\(run.stderr)")
            for (index, model) in [(1, "mfae"), (2, "mf")] {
                let shown = try CLIProcess.run(["show", "\(index)", "--json"], in: folder.url)
                let stored = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
                let summary = try train(["--preset", "notebook", "--model", model] + flags, in: folder)
                // The store keeps configurations canonical (keys a model ignores at their defaults).
                #expect(try configuration(summary).canonicalized() == configuration(stored), "\(spec) \(model)")
                let storedRMSE = (stored["metrics"] as? [String: Any])?["test_rmse"] as? Double
                #expect(storedRMSE != nil && summary["test_rmse"] as? Double == storedRMSE, "\(spec) \(model)")
            }
        }
    }

    @Test func configOverridesThePresetAndFlagsOverrideTheConfig() throws {
        try TemporaryDirectory.with { folder in
            _ = try folder.write(#"{"model": "mf", "k": 5, "lr": 0.02, "epochs": 2}"#, to: "partial.json")
            let mf = ConfigurationPreset.tuned.configuration(for: .mf)

            // The file names the model, so the preset's values are MF's; the file's keys win over them.
            var expected = mf
            expected.k = 5; expected.learningRate = 0.02; expected.epochs = 2
            #expect(try configuration(train(["--config", "partial.json"], in: folder)) == expected)

            // A flag wins over the file.
            expected.k = 6
            #expect(try configuration(train(["--config", "partial.json", "--k", "6"], in: folder)) == expected)

            // --model picks the preset's model before the file is applied (the file's model is overridden).
            var mfae = ConfigurationPreset.tuned.configuration(for: .mfae)
            mfae.k = 5; mfae.learningRate = 0.02; mfae.epochs = 2
            #expect(try configuration(train(["--config", "partial.json", "--model", "mfae"], in: folder)) == mfae)

            // A protocol the file names picks the preset's row for it (the autoencoder's heldout row).
            _ = try folder.write(#"{"protocol": "heldout", "epochs": 2}"#, to: "heldout.json")
            var heldout = ConfigurationPreset.tuned.configuration(for: .mfae, under: .heldout)
            heldout.epochs = 2
            #expect(heldout.maskFraction != ConfigurationPreset.tuned.configuration(for: .mfae).maskFraction)
            #expect(try configuration(train(["--config", "heldout.json"], in: folder)) == heldout)

            // Another preset under the same file, from standard input.
            var notebook = ConfigurationPreset.notebook.configuration(for: .mfae)
            notebook.evaluationProtocol = .warm; notebook.epochs = 2
            let summary = try train(["--preset", "notebook", "--config", "-"], in: folder, input: #"{"protocol": "warm", "epochs": 2}"#)
            #expect(summary["preset"] as? String == "notebook")
            #expect(try configuration(summary) == notebook)
        }
    }

    @Test func anUnknownPresetIsAUsageError() throws {
        try TemporaryDirectory.with { folder in
            let result = try CLIProcess.run(["train", "--preset", "fastest"], in: folder.url)
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
            #expect(result.stderr.contains("'fastest'") && result.stderr.contains("'tuned'")
                    && result.stderr.contains("'notebook'"), "\(result.stderr)")
        }
    }

    @Test func helpStatesTheDefaultPresetsValuesAndTheNotebookFlag() throws {
        let result = try CLIProcess.run(["train", "--help"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        #expect(result.status == 0)
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--preset tuned (the default)") && help.contains("--preset notebook"))
        for model in [ModelKind.mfae, .mf] {
            let values = ConfigurationPreset.tuned.values(for: model).map { "\($0.key.name)=\($0.key.text(of: $0.value))" }
            #expect(help.contains(values.joined(separator: ", ")), "\(model)")
        }
        #expect(help.contains("Experiments/notebook.json"))
        #expect(help.contains("(default: \(ConfigurationPreset.tuned.configuration(for: .mfae).k) for mfae, "
            + "\(ConfigurationPreset.tuned.configuration(for: .mf).k) for mf)"))
    }
}
