import Foundation
import MFAETestSupport
import Testing

/// Any reported configuration re-runs in one line: `show N --json` prints a run's configuration,
/// `train --config` (a file or `-` for standard input) trains from it, flags overriding it.
@Suite("train --config and show --json, end to end")
struct ConfigRoundTripTests {
    static let dataset = #"{"synthetic": {"users": 60, "items": 30, "ratings": 900, "rank": 3, "noise": 0.3, "seed": 3}}"#

    static let spec = """
    {"name": "roundtrip", "description": "One tiny run to re-run from its configuration.",
     "dataset": \(dataset),
     "base": {"k": 3, "epochs": 3, "patience": 3, "batch_size": 128, "lr": 0.02, "optimizer": "lazy_adam", "init_scale": 0.01},
     "sweep": {"mask_fraction": [0.25]}, "seeds": [4]}
    """

    /// The last line of `train --json` as an object.
    func summary(_ output: String) throws -> [String: Any] {
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aStoredRunsConfigurationRetrainsToTheSameTestRMSE() throws {
        try TemporaryDirectory.with { folder in
            _ = try folder.write(Self.spec, to: "roundtrip.json")
            let run = try CLIProcess.run(["run", "roundtrip.json"], in: folder.url)
            #expect(run.status == 0, "\(run.stderr)")
            let shown = try CLIProcess.run(["show", "1", "--json"], in: folder.url)
            #expect(shown.status == 0, "\(shown.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let configuration = try #require(object["configuration"] as? [String: Any])
            let stored = try #require((object["metrics"] as? [String: Any])?["test_rmse"] as? Double)
            #expect(configuration["seed"] as? Int == 4 && configuration["mask_fraction"] as? Double == 0.25)
            #expect(object["status"] as? String == "done" && object["run"] as? Int == 1)

            // The configuration on standard input retrains to the very same test RMSE.
            let text = String(decoding: try JSONSerialization.data(withJSONObject: configuration), as: UTF8.self)
            let again = try CLIProcess.run(["train", "--dataset", Self.dataset, "--config", "-", "--json"], in: folder.url, input: text)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try summary(again.stdout)["test_rmse"] as? Double == stored)

            // From a file, a flag overrides the file's value.
            _ = try folder.write(text, to: "config.json")
            let other = try CLIProcess.run(["train", "--dataset", Self.dataset, "--config", "config.json", "--seed", "5", "--json"],
                                           in: folder.url)
            #expect(other.status == 0, "\(other.stderr)")
            let otherSummary = try summary(other.stdout)
            #expect(otherSummary["seed"] as? Int == 5)
            #expect((otherSummary["configuration"] as? [String: Any])?["mask_fraction"] as? Double == 0.25)
            #expect(otherSummary["test_rmse"] as? Double != stored)
        }
    }

    @Test func aBadConfigurationIsRefusedWithItsKey() throws {
        try TemporaryDirectory.with { folder in
            let unknown = try CLIProcess.run(["train", "--config", "-"], in: folder.url, input: #"{"k": 3, "colour": "blue"}"#)
            #expect(unknown.status != 0 && unknown.stderr.contains("colour"))
            let invalid = try CLIProcess.run(["train", "--config", "-"], in: folder.url, input: #"{"k": 0}"#)
            #expect(invalid.status != 0 && invalid.stderr.contains("k"))
            let missing = try CLIProcess.run(["train", "--config", "nope.json"], in: folder.url)
            #expect(missing.status != 0 && missing.stderr.contains("nope.json"))
        }
    }
}
