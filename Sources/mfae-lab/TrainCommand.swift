import ArgumentParser
import Foundation
import MFAECore
import MFAELab

/// `mfae-lab train`: one model from flags (on top of a `--config` object), one line per epoch, final test metrics.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train and evaluate one model.",
        discussion: "Defaults are the notebook's settings for the autoencoder (k=10, lr=1e-2, c_vector=1e-6, mask 0.5, batch 1024).")

    @Option(help: "A data set name (synthetic, ml-100k) or a folder of MovieLens files.")
    var dataset = "synthetic"
    @Option(help: "The format of a --dataset folder when it cannot be detected.")
    var format: MovieLensFormat?
    @Option(help: "Where named data sets live (default: $MFAE_DATA_DIR or ./data).")
    var dataDir: String?
    @Option(help: ArgumentHelp("A JSON object of configuration keys to start from (the `configuration` of `show RUN --json`, "
        + "or of a report's summary.json), in a file or - for standard input; flags override its values.", valueName: "file"))
    var config: String?
    @OptionGroup(title: "Configuration") var options: ConfigurationOptions
    @Option(help: "Print the 10 nearest items to this title after training.") var similar: String?
    @Flag(help: "Print one JSON object with the results on stdout (and the epoch lines on stderr).") var json = false

    /// Writes a human-readable line: to stdout, or to stderr when stdout carries the `--json` object.
    private func show(_ line: String) {
        if json { Console.log(line) } else { Console.say(line) }
    }

    func validate() throws {
        // With --config the flags are checked on top of the file's values, in run (standard input is read once).
        if config == nil { _ = try options.makeConfiguration() }
    }

    func run() throws {
        let base = try config.map(ConfigurationFile.load) ?? TrainingConfiguration()
        let configuration = try options.makeConfiguration(base: base)
        let data = try CommandSupport.loadDataset(dataset, format: format, dataDir: dataDir)
        Console.log("\(data.name): \(data.userCount) users, \(data.itemCount) items, \(data.count) ratings; "
            + "\(configuration.model) under \(configuration.evaluationProtocol)")
        // The --similar item is found before training, so a title that names no item fails at once.
        let probe = try similar.map { try ItemNeighbours.item(titled: $0, titles: data.itemTitles, ids: data.itemIDs) }
        if probe != nil, !configuration.model.isLatent {
            throw CommandError.noItemVectors(model: configuration.model.rawValue)
        }
        let result = try Trainer.run(configuration, on: data, observer: { event in
            if case let .epochEnded(record) = event {
                show(String(format: "epoch %3d  train loss %.4f  valid rmse %.4f  %.2f s",
                            record.epoch, record.trainLoss, record.valid.rmse, record.seconds))
            }
        })
        show(String(format: "best epoch %d  valid rmse %.4f  test rmse %.4f  mse %.4f  mae %.4f  (%.2f s)",
                     result.bestEpoch, result.valid.rmse, result.test.rmse, result.test.mse, result.test.mae,
                     result.trainSeconds))
        if let foldIn = result.foldInMillisecondsPerUser {
            show(String(format: "fold-in %.4f ms per user", foldIn))
        }
        if let measures = result.measures { showMeasures(measures) }
        var neighbours: [String]?
        if let probe {
            neighbours = try printNeighbours(of: probe, result: result, data: data)
        }
        if json {
            Console.say(try TrainSummary(result: result, neighbours: neighbours).jsonLine())
        }
    }

    /// One line per end-of-run measurement that applies.
    private func showMeasures(_ measures: RunMeasures) {
        if let curve = measures.coldStart {
            let points = curve.points.map { point in
                "\(point.given.map(String.init) ?? "all"): " + String(format: "%.4f (baseline %.4f)", point.model.rmse, point.baseline.rmse)
            }
            show("cold start test rmse by given ratings: " + points.joined(separator: ", "))
        }
        if let all = measures.foldInUsersPerSecond, let one = measures.foldInUsersPerSecondOneThread,
           let threads = measures.foldInThreads {
            show(String(format: "fold-in throughput %.0f users/s on 1 thread, %.0f on %d threads", one, all, threads))
        }
        if let r = measures.ranking {
            show(String(format: "top-%d (relevant ≥ %g): recall %.4f  ndcg %.4f  mrr %.4f  coverage %.4f  over %d users "
                         + "(%d without relevant items)  %.2f s", r.cutoff, r.threshold, r.recall, r.ndcg, r.mrr, r.coverage,
                         r.users, r.usersWithoutRelevant, r.seconds))
        }
        if let space = measures.itemSpace {
            func figure(_ f: CoherenceFigure?) -> String { f.map { String(format: "%.3f/%.3f", $0.share, $0.jaccard) } ?? "—" }
            show("neighbour coherence (share/jaccard, \(space.items) items): euclidean \(figure(space.euclidean))  cosine "
                + "\(figure(space.cosine))  random \(figure(space.random))  co-rating \(figure(space.coRating))")
            if let f = space.franchise {
                show(String(format: "franchise rank (%d pairs, pool %d): euclidean %.1f  cosine %.1f  random %.1f  co-rating %@",
                            f.pairs, f.pool, f.euclidean, f.cosine, f.random, f.coRating.map { String(format: "%.1f", $0) } ?? "—"))
            }
        }
    }

    private func printNeighbours(of probe: ItemIndex, result: TrainingResult, data: RatingSet) throws -> [String] {
        guard let items = result.items else { throw CommandError.noItemVectors(model: result.configuration.model.rawValue) }
        show("nearest to \(data.itemTitles[probe.position]) (euclidean):")
        let neighbours = NearestItems.neighbours(of: probe, in: items, metric: .euclidean, count: 10)
        for neighbour in neighbours {
            show(String(format: "  %.4f  %@", neighbour.score, data.itemTitles[neighbour.item.position]))
        }
        return neighbours.map { data.itemTitles[$0.item.position] }
    }
}

/// The `--json` line of `train`: the run's final metrics under the names the store and reports use
/// (``MetricName``), its configuration, and the neighbours of `--similar`.
struct TrainSummary: Encodable {
    var metrics: [MetricName: Double]
    var neighbors: [String]?
    var configuration: TrainingConfiguration

    init(result: TrainingResult, neighbours: [String]?) {
        metrics = MetricName.values(of: result)
        neighbors = neighbours
        configuration = result.configuration
    }

    /// `model`, `protocol` and `seed` at the top level for convenience, every metric by name,
    /// `neighbors` when asked for, and the whole `configuration`.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        try container.encode(configuration.model, forKey: Name(ConfigurationKey.model.name))
        try container.encode(configuration.evaluationProtocol, forKey: Name(ConfigurationKey.evaluationProtocol.name))
        try container.encode(configuration.seed, forKey: Name(ConfigurationKey.seed.name))
        for (name, value) in metrics {
            try container.encode(value, forKey: Name(name.rawValue))
        }
        try container.encodeIfPresent(neighbors, forKey: Name("neighbors"))
        try container.encode(configuration, forKey: Name("configuration"))
    }

    /// A JSON key.
    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
