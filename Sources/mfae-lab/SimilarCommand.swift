import ArgumentParser
import Foundation
import MFAECore
import MFAELab

extension NearestItems.Metric: ExpressibleByArgument {}

/// `mfae-lab similar RUN TITLE`: nearest items by the run's stored item vectors.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Items nearest to TITLE by a run's stored item vectors (no re-training).")

    @Argument(help: ArgumentHelp("A run id, or a unique prefix of a run key.", valueName: "run"))
    var runReference: String

    @Argument(help: "An item title (exact, or a unique part of one) or item id.")
    var title: String

    @Option(name: .short, help: "How many neighbours.")
    var n: Int = 10

    @Option(help: "cosine (similarity, larger is nearer) or euclidean (distance, the notebook's).")
    var metric: NearestItems.Metric = .cosine

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try database.openExisting()
        defer { try? store.close() }
        let record = try store.run(matching: runReference)
        guard let items = try store.itemParameters(runID: record.id) else {
            throw LabError.noItemParameters(run: "\(record.id) (\(record.label), \(record.status))")
        }
        guard let dataset = try store.dataset(fingerprint: record.datasetFingerprint) else {
            throw LabError.runNotFound("data set of run \(record.id)")
        }
        let query = try ItemNeighbours.item(titled: title, in: dataset)
        print("nearest to \"\(dataset.itemTitles[query.position])\" in run \(record.id) (\(record.label)):")
        let neighbours = ItemNeighbours.nearest(to: query, in: items, titles: dataset.itemTitles, metric: metric, count: n)
        for (rank, neighbour) in neighbours.enumerated() {
            print(String(format: "%3d. ", rank + 1) + metric.rawValue
                  + String(format: " %+.4f  bias %+.3f  ", neighbour.score, neighbour.bias) + neighbour.title)
        }
    }
}
