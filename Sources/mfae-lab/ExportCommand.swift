import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab export`: runs with their parameters and final metrics, one row per run.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write runs with parameters and final metrics as CSV or JSON, one row per run.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var database: DatabaseOption

    @Option(help: "Only runs of this experiment.")
    var experiment: String?

    @Option(help: "Only runs with this status.")
    var status: RunStatus?

    @Option(help: "The file format.")
    var format: Format = .csv

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try database.openExisting()
        defer { try? store.close() }
        let table = try RunTable(runs: store.runs(RunFilter(experiment: experiment, status: status)))
        let text = format == .csv ? table.csv() : try table.json()
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CommandError.cannotWrite(path: output, reason: error.localizedDescription)
            }
        } else {
            Console.write(text, to: .standardOutput)
        }
    }
}
