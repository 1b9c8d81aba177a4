import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab runs`: lists runs of the lab database.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List runs in the lab database.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "Only runs of this experiment.")
    var experiment: String?

    @Option(help: "Only runs with this status.")
    var status: RunStatus?

    @Flag(help: "JSON (one object per run, with its configuration and metrics).")
    var json = false

    func run() throws {
        let store = try database.openExisting()
        defer { try? store.close() }
        let runs = try store.runs(RunFilter(experiment: experiment, status: status))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(runs), as: UTF8.self))
            return
        }
        print("id    status       test_rmse  seconds  key           label")
        for run in runs {
            let rmse = run.metric(.testRMSE).map { String(format: "%.4f", $0) } ?? "-"
            let seconds = run.wallSeconds.map { String(format: "%.1f", $0) } ?? "-"
            print(String(format: "%-5lld ", run.id) + run.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + " " + rmse.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + " " + seconds.padding(toLength: 8, withPad: " ", startingAt: 0)
                  + " " + String(run.key.prefix(12)) + "  " + run.label)
        }
        print("\(runs.count) run(s)")
    }
}
