import ArgumentParser
import Foundation
import MFAECore
import MFAELab

/// `mfae-lab train`: one model from a preset, a `--config` object and flags, one line per epoch, final test metrics.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train and evaluate one model.",
        discussion: presetDiscussion)

    /// The `--help` text on presets: the order of the layers and each preset's values per model and protocol.
    static var presetDiscussion: String {
        let standard = ConfigurationPreset.standard
        var lines = ["The configuration comes in three layers, each overriding the one before: a preset's values "
            + "for the model and protocol (--preset, default \(standard.rawValue)), the keys of a --config file, "
            + "then the flags."]
        for preset in ConfigurationPreset.allCases {
            lines += ["", "--preset \(preset.rawValue)\(preset == standard ? " (the default)" : ""): \(preset.summary)."]
            var rows: [(label: String, text: String)] = []
            for model in [ModelKind.mfae, .mf] {
                // Protocols whose values are the same share a row.
                var groups: [(protocols: [EvaluationProtocol], text: String)] = []
                for evaluationProtocol in EvaluationProtocol.allCases {
                    let text = preset.values(for: model, under: evaluationProtocol).map { "\($0.key.name)=\($0.key.text(of: $0.value))" }.joined(separator: ", ")
                    if let index = groups.firstIndex(where: { $0.text == text }) {
                        groups[index].protocols.append(evaluationProtocol)
                    } else {
                        groups.append((protocols: [evaluationProtocol], text: text))
                    }
                }
                for group in groups {
                    let under = groups.count == 1 ? "" : " under " + group.protocols.map(\.rawValue).joined(separator: " or ")
                    rows.append((label: "\(model)\(under)", text: group.text))
                }
            }
            if rows.count == 2, rows[0].text == rows[1].text {
                rows = [(label: "mfae and mf", text: rows[0].text)]
            }
            if preset.evaluationProtocol != standard.evaluationProtocol {
                rows = rows.map { (label: $0.label, text: "protocol=\(preset.evaluationProtocol), " + $0.text) }
            }
            lines += rows.map { "  \($0.label): \($0.text)" }
        }
        // The plain defaults that differ from the standard preset's, for one model or another.
        let plain = ConfigurationKey.all.filter { key in
            [ModelKind.mfae, .mf].contains { key.isRelevant(to: $0) && standard.value(of: key, for: $0) != key.defaultValue }
        }.map { "\($0.name)=\($0.text(of: $0.defaultValue))" }
        lines += ["", "The defaults listed below are the \(standard.rawValue) preset's under \(standard.evaluationProtocol). "
            + "Specs (mfae-lab run) take no preset: a key a spec leaves out has its plain default "
            + "(\(plain.joined(separator: ", "))). `train --json` prints the whole configuration, which "
            + "`train --config` re-runs."]
        return lines.joined(separator: "\n")
    }

    @Option(help: "A data set name (synthetic, ml-100k) or a folder of MovieLens files.")
    var dataset = "synthetic"
    @Option(help: "The format of a --dataset folder when it cannot be detected.")
    var format: MovieLensFormat?
    @Option(help: "Where named data sets live (default: $MFAE_DATA_DIR or ./data).")
    var dataDir: String?
    @Option(help: ArgumentHelp("The named settings to start from (their values are listed above).", valueName: "name"))
    var preset: ConfigurationPreset = .standard
    @Option(help: ArgumentHelp("A JSON object of configuration keys (the `configuration` of `show RUN --json`, "
        + "or of a report's summary.json), in a file or - for standard input; its keys override the preset's, "
        + "and flags override the file's.", valueName: "file"))
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
        if config == nil { _ = try options.makeConfiguration(preset: preset) }
    }

    func run() throws {
        let file = try config.map(ConfigurationFile.load)
        let configuration = try options.makeConfiguration(preset: preset, file: file)
        let data = try CommandSupport.loadDataset(dataset, format: format, dataDir: dataDir)
        Console.log("\(data.name): \(data.userCount) users, \(data.itemCount) items, \(data.count) ratings; "
            + "\(configuration.model) under \(configuration.evaluationProtocol), \(preset.rawValue) preset"
            + (file == nil ? "" : " and \(config ?? "")"))
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
            Console.say(try TrainSummary(result: result, preset: preset, neighbours: neighbours).jsonLine())
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
/// (``MetricName``), its configuration, the preset it started from, and the neighbours of `--similar`.
struct TrainSummary: Encodable {
    var metrics: [MetricName: Double]
    var neighbors: [String]?
    var configuration: TrainingConfiguration
    var preset: ConfigurationPreset

    init(result: TrainingResult, preset: ConfigurationPreset, neighbours: [String]?) {
        metrics = MetricName.values(of: result)
        neighbors = neighbours
        configuration = result.configuration
        self.preset = preset
    }

    /// `model`, `protocol` and `seed` at the top level for convenience, every metric by name,
    /// `neighbors` when asked for, the `preset` and the whole `configuration`.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        try container.encode(preset.rawValue, forKey: Name("preset"))
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

extension ConfigurationPreset: ExpressibleByArgument {}
