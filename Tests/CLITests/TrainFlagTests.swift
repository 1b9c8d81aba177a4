import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// `train`'s configuration flags are the table's keys: every key has its flag, every flag in the
/// Configuration group is a key, and each flag's value reaches the trained configuration.
@Suite("mfae-lab train flags, from the configuration table")
struct TrainFlagTests {
    /// The long flags listed under `CONFIGURATION:` in `train --help`.
    func configurationFlags() throws -> [String] {
        let help = try CLIProcess.run(["train", "--help"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "CONFIGURATION:") else { return [] }
        let section = lines[(start + 1)...].prefix { !$0.isEmpty }
        return section.compactMap { line in
            guard line.hasPrefix("  --") else { return nil }
            return line.dropFirst(4).split(separator: " ").first.map(String.init)
        }
    }

    @Test func everyKeyHasAFlagAndEveryFlagAKey() throws {
        let flags = try configurationFlags()
        #expect(flags == ConfigurationKey.all.map(\.flag))
        let help = try CLIProcess.run(["train", "--help"], in: URL(fileURLWithPath: NSTemporaryDirectory())).stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // Help text and defaults come from the table (and the standard preset, per model where they differ).
        #expect(help.contains("(default: 0.1)") && help.contains("values: adam, lazy_adam; default: adam"))
        #expect(help.contains("values: table, per_example; default: table for mfae, per_example for mf"))
    }

    @Test func everyFlagSetsItsKey() throws {
        var expected = TrainingConfiguration()
        var arguments = ["train", "--json"]
        for key in ConfigurationKey.all {
            let value: ConfigurationValue
            switch (key.kind, key.defaultValue) {
            case _ where key == .model: value = .option(ModelKind.globalMean.rawValue)
            case let (.integer, .integer(number)): value = .integer(number + 1)
            case let (.unsignedInteger, .unsignedInteger(number)): value = .unsignedInteger(number + 3)
            case let (.real, .real(number)): value = .real(number == 0 ? 0.25 : number / 2)
            case let (.boolean, .boolean(flag)): value = .boolean(!flag)
            case let (.enumeration(names), .option(name)): value = .option(names.first { $0 != name } ?? name)
            default: Issue.record("no value for \(key)"); continue
            }
            #expect(key.set(value, in: &expected) == nil)
            arguments += ["--\(key.flag)", key.text(of: key.value(in: expected))]
        }
        try TemporaryDirectory.with { folder in
            let result = try CLIProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let configuration = try JSONSerialization.data(withJSONObject: try #require(object["configuration"]))
            #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: configuration) == expected)
        }
    }

    @Test(arguments: [
        (["train", "--threads", "0"], "--threads: expected a positive integer"),
        (["train", "--lr", "fast"], "--lr: expected a number"),
        (["train", "--eval-mask", "maybe"], "--eval-mask: expected true or false"),
        (["train", "--valid-fraction", "0.5", "--test-fraction", "0.5"], "--test-fraction: expected valid_fraction + test_fraction < 1"),
    ])
    func badValuesUseTheTablesWords(arguments: [String], message: String) throws {
        try TemporaryDirectory.with { folder in
            let result = try CLIProcess.run(arguments, in: folder.url)
            #expect(result.status == 64)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
