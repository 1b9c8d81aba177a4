import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab runs`: lists runs of the lab database.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List runs in the lab database.")

    @Option(help: "The lab database file.")
    var db: String = "lab.sqlite"

    @Option(help: "Only runs of this experiment.")
    var experiment: String?

    @Option(help: "Only runs with this status (pending, running, done, failed, diverged, interrupted).")
    var status: String?

    @Flag(help: "JSON (one object per run, with its configuration and metrics).")
    var json = false

    func run() throws {
        let status = try self.status.map { text -> RunStatus in
            guard let value = RunStatus(rawValue: text) else {
                throw ValidationError("unknown status \"\(text)\"; expected one of "
                                      + RunStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
        let store = try SQLiteRunStore(path: try existingDatabase(db))
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

/// `path`, if the file exists; reading commands never create a database.
func existingDatabase(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("no database at \(path) (run an experiment first, or pass --db)")
    }
    return path
}
