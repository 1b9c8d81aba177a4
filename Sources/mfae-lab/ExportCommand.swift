import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab export`: runs with their parameters and final metrics, one row per run.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write runs with parameters and final metrics as CSV or JSON, one row per run.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: "The lab database file.")
    var db: String = "lab.sqlite"

    @Option(help: "Only runs of this experiment.")
    var experiment: String?

    @Option(help: "Only runs with this status (e.g. done).")
    var status: String?

    @Option(help: "csv or json.")
    var format: Format = .csv

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let status = try self.status.map { text -> RunStatus in
            guard let value = RunStatus(rawValue: text) else { throw ValidationError("unknown status \"\(text)\"") }
            return value
        }
        let store = try SQLiteRunStore(path: try existingDatabase(db))
        let table = try RunTable(runs: store.runs(RunFilter(experiment: experiment, status: status)))
        let text = format == .csv ? table.csv() : try table.json()
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw LabError.unreadable(file: output, reason: "cannot write: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
