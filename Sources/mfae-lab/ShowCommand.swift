import ArgumentParser
import Foundation
import MFAECore
import MFAELab

/// `mfae-lab show RUN`: a run's configuration, provenance, per-epoch scalars and final metrics.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a run: configuration, provenance, per-epoch scalars, final metrics.")

    @Argument(help: ArgumentHelp("A run id, or a unique prefix of a run key.", valueName: "run"))
    var runReference: String

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Print the run as one JSON object; its `configuration` is what `mfae-lab train --config` reads.")
    var json = false

    func run() throws {
        let store = try database.openExisting()
        defer { try? store.close() }
        let record = try store.run(matching: runReference)
        if json {
            Console.say(try RunJSON(record: record, store: store).text())
            return
        }
        print("run \(record.id)  \(record.label)")
        print("key         \(record.key)")
        print("experiment  \(record.experiment ?? "-")")
        print("status      \(record.status)" + (record.error.map { "  (\($0))" } ?? ""))
        let dataset = try store.dataset(fingerprint: record.datasetFingerprint)
        print("data        \(dataset.map { "\($0.name): \($0.ratingCount) ratings, \($0.userCount) users, \($0.itemCount) items" } ?? "?")"
              + "  fingerprint \(record.datasetFingerprint.prefix(12))")
        if let provenance = record.provenance {
            print("provenance  mfae-lab \(provenance.toolVersion), git \(provenance.gitRevision ?? "-"), "
                  + "host \(provenance.host), pid \(provenance.pid), attempt \(record.attempts)")
        }
        let started = record.started.map { $0.formatted(.iso8601) } ?? "-"
        let ended = record.ended.map { $0.formatted(.iso8601) } ?? "-"
        print("time        \(started) → \(ended)" + (record.wallSeconds.map { String(format: "  (%.1f s)", $0) } ?? ""))

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print("\nconfiguration")
        print(String(decoding: try encoder.encode(record.configuration), as: UTF8.self))

        let scalars = try store.scalars(runID: record.id)
        if !scalars.isEmpty {
            let names: [ScalarName] = [.trainLoss, .validRMSE, .validMAE, .epochSeconds]
            print("\nepoch  " + names.map { $0.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined())
            let steps = Array(Set(scalars.map(\.step))).sorted()
            for step in steps {
                let values = names.map { name in
                    scalars.first { $0.step == step && $0.name == name.rawValue }
                        .map { String(format: "%.6g", $0.value) } ?? "-"
                }
                print(String(format: "%5d  ", step) + values.map { $0.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined())
            }
        }
        if !record.metrics.isEmpty {
            print("\nfinal metrics")
            for name in record.metrics.keys.sorted() {
                print("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%.6g", record.metrics[name] ?? .nan))
            }
        }
        if let items = try store.itemParameters(runID: record.id) {
            print("\nitem parameters: \(items.biases.count) items × k=\(items.k) (use `mfae-lab similar \(record.id) TITLE`)")
        }
    }
}
