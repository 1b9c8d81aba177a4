import ArgumentParser
import Foundation
import MFAECore
import MFAELab

/// `mfae-lab train`: one model from flags, one line per epoch, final test metrics.
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
    @Option(help: "The model to train.")
    var model: ModelKind = .mfae
    @Option(name: .customLong("protocol"), help: "The validation protocol.")
    var evaluationProtocol: EvaluationProtocol = .warm
    @Option(help: "Latent dimensions.") var k = 10
    @Option(help: "Adam's learning rate.") var lr: Float = 1e-2
    @Option(help: "Weight of the L2 prior on the vector tables.") var cVector: Float = 1e-6
    @Option(help: "Probability of dropping an encoder input rating in training.") var maskFraction: Float = 0.5
    @Option(help: "Pooling denominator: 1 + all input ratings, or 1 + kept ones.") var normalize: Normalization = .kept
    @Option(help: "Apply the random mask at evaluation too (the notebook's behaviour): true or false.")
    var evalMask = false
    @Option(help: "Dense Adam (every parameter every step) or lazy Adam (touched rows).") var optimizer: OptimizerKind = .adam
    @Option(help: "The L2 prior: whole tables every step (the notebook's) or per example.") var regularization: Regularization = .table
    @Option(help: "Maximum epochs.") var epochs = 30
    @Option(help: "Approximate ratings per minibatch (whole users).") var batchSize = 1024
    @Option(help: "Epochs without a better validation RMSE before stopping.") var patience = 5
    @Option(help: "Seed of the split, initialisation, masks and shuffling.") var seed: UInt64 = 0
    @Option(help: "Standard deviation of the initial parameters.") var initScale: Float = 1e-6
    @Option(help: "Threads for data-parallel training inside the run.") var threads = 1
    @Option(help: "Print the 10 nearest items to this title after training.") var similar: String?
    @Flag(help: "Print one JSON object with the results on stdout (and the epoch lines on stderr).") var json = false

    /// Writes a human-readable line: to stdout, or to stderr when stdout carries the `--json` object.
    private func show(_ line: String) {
        if json { Console.log(line) } else { Console.say(line) }
    }

    func validate() throws {
        let problems = makeConfiguration().problems()
        if let problem = problems.first {
            throw ValidationError("--\(problem.key.replacingOccurrences(of: "_", with: "-")): expected \(problem.expected)")
        }
    }

    func makeConfiguration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.model = model; c.evaluationProtocol = evaluationProtocol; c.k = k; c.learningRate = lr; c.cVector = cVector
        c.maskFraction = maskFraction; c.normalize = normalize; c.evalMask = evalMask; c.optimizer = optimizer
        c.regularization = regularization; c.epochs = epochs; c.batchSize = batchSize; c.patience = patience
        c.seed = seed; c.initScale = initScale; c.threads = threads
        return c
    }

    func run() throws {
        let data = try CommandSupport.loadDataset(dataset, format: format, dataDir: dataDir)
        let configuration = makeConfiguration()
        Console.log("\(data.name): \(data.userCount) users, \(data.itemCount) items, \(data.count) ratings; "
            + "\(model) under \(evaluationProtocol)")
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
        var neighbours: [String]?
        if let similar {
            neighbours = try printNeighbours(of: similar, result: result, data: data)
        }
        if json {
            Console.say(try TrainSummary(result: result, neighbours: neighbours).jsonLine())
        }
    }

    private func printNeighbours(of title: String, result: TrainingResult, data: RatingSet) throws -> [String] {
        guard let items = result.items else { throw CommandError.noItemVectors(model: model.rawValue) }
        guard let probe = data.items(matching: title).first else {
            throw LabError.itemNotFound(title: title, suggestions: [])
        }
        show("nearest to \(data.itemTitles[probe.position]) (euclidean):")
        let neighbours = NearestItems.neighbours(of: probe, in: items, metric: .euclidean, count: 10)
        for neighbour in neighbours {
            show(String(format: "  %.4f  %@", neighbour.score, data.itemTitles[neighbour.item.position]))
        }
        return neighbours.map { data.itemTitles[$0.item.position] }
    }
}

/// The `--json` line of `train`.
struct TrainSummary: Encodable {
    var model: String, `protocol`: String, seed: UInt64
    var bestEpoch: Int, validRMSE: Double, testMSE: Double, testRMSE: Double, testMAE: Double
    var epochSeconds: Double, trainSeconds: Double, foldInMillisecondsPerUser: Double?
    var neighbors: [String]?
    var configuration: TrainingConfiguration

    enum CodingKeys: String, CodingKey {
        case model, `protocol`, seed, neighbors, configuration
        case bestEpoch = "best_epoch", validRMSE = "valid_rmse", testMSE = "test_mse", testRMSE = "test_rmse"
        case testMAE = "test_mae", epochSeconds = "epoch_seconds", trainSeconds = "train_seconds"
        case foldInMillisecondsPerUser = "foldin_ms_per_user"
    }

    init(result: TrainingResult, neighbours: [String]?) {
        let c = result.configuration
        model = c.model.rawValue; `protocol` = c.evaluationProtocol.rawValue; seed = c.seed
        bestEpoch = result.bestEpoch; validRMSE = result.valid.rmse
        testMSE = result.test.mse; testRMSE = result.test.rmse; testMAE = result.test.mae
        epochSeconds = result.epochSecondsMedian; trainSeconds = result.trainSeconds
        foldInMillisecondsPerUser = result.foldInMillisecondsPerUser
        neighbors = neighbours
        configuration = c
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
