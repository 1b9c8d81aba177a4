import ArgumentParser
import Foundation
import MFAECore

/// `mfae-lab bench`: training, evaluation and fold-in speed on synthetic data of MovieLens shapes.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time training epochs, evaluation and fold-in on synthetic data of MovieLens shapes.",
        discussion: """
        Sizes: 100k (943 users × 1,682 items), 1m (6,040 × 3,706), 10m (69,878 × 10,677), \
        25m (162,541 × 59,047). Reports the median epoch after the first, in wall and CPU time; \
        ratings/s/core divides the training ratings by the median CPU seconds of an epoch (all threads), \
        which a busy machine disturbs less than wall time. Use a release build.
        """)

    @Option(help: "The model to time.") var model: ModelKind = .mfae
    @Option(parsing: .upToNextOption, help: "Data sizes, one or more (--ratings 100k 1m).")
    var ratings: [BenchSize] = [.ml100k]
    @Option(parsing: .upToNextOption, help: "Latent dimensions, one or more (--k 10 32).")
    var k: [Int] = [10]
    @Option(help: "Dense Adam or lazy Adam.") var optimizer: OptimizerKind = .adam
    @Option(help: "Threads inside the run.") var threads = 1
    @Option(help: "Epochs to time (the first is not counted in the median).") var epochs = 5
    @Option(help: "Approximate ratings per minibatch.") var batchSize = 1024
    @Flag(help: "Uniform item popularity (item tables do not stay in cache) instead of MovieLens-like skew.")
    var uniform = false
    @Flag(help: "Print one JSON object per case instead of a table.") var json = false

    func validate() throws {
        guard model.isLatent else { throw ValidationError("--model: expected mfae or mf") }
        guard !ratings.isEmpty else { throw ValidationError("--ratings: name at least one size") }
        guard !k.isEmpty, k.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--k: expected one or more positive integers")
        }
        guard threads >= 1, epochs >= 2, batchSize >= 1 else {
            throw ValidationError("--threads ≥ 1, --epochs ≥ 2 and --batch-size ≥ 1 are required")
        }
    }

    func run() throws {
        #if DEBUG
        Console.log("warning: this is a debug build; time a release build: swift run -c release mfae-lab bench …")
        #endif
        if !json {
            print("| data | users | items | train ratings | model | optimizer | k | threads | ms/epoch | CPU ms/epoch | ratings/s/core | wall s | CPU s | peak RSS MiB | bytes/rating | eval ratings/s | fold-in users/s |")
            print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        }
        for size in ratings {
            let shape = size.shape
            var parameters = SyntheticParameters()
            parameters.users = shape.users; parameters.items = shape.items; parameters.ratings = shape.ratings
            if uniform { parameters.popularityExponent = 0 }
            let generation = Stopwatch()
            let data = try parameters.generate()
            Console.log(String(format: "generated %@ (%d ratings) in %.1f s", size.rawValue, data.count, generation.elapsedSeconds))
            for dimension in k {
                var c = TrainingConfiguration()
                c.model = model; c.k = dimension; c.optimizer = optimizer; c.threads = threads; c.epochs = epochs
                c.batchSize = batchSize; c.validFraction = 0.05; c.testFraction = 0.05
                let before = ResourceUsage.current(), wall = Stopwatch()
                let measurement = try TrainingBenchmark.measure(c, on: data)
                let after = ResourceUsage.current()
                let row = BenchRow(size: size.rawValue, data: data, configuration: c, measurement: measurement,
                                   wallSeconds: wall.elapsedSeconds, cpuSeconds: after.cpuSeconds - before.cpuSeconds,
                                   peakResidentBytes: after.peakResidentBytes, uniform: uniform)
                print(json ? try row.jsonLine() : row.markdown)
            }
        }
    }
}

/// A data size of `bench`: the shape of a MovieLens set.
enum BenchSize: String, CaseIterable, ExpressibleByArgument {
    case ml100k = "100k", ml1m = "1m", ml10m = "10m", ml25m = "25m"

    /// Users, items and ratings of the MovieLens set of this size.
    var shape: (users: Int, items: Int, ratings: Int) {
        switch self {
        case .ml100k: return (943, 1_682, 100_000)
        case .ml1m: return (6_040, 3_706, 1_000_209)
        case .ml10m: return (69_878, 10_677, 10_000_054)
        case .ml25m: return (162_541, 59_047, 25_000_095)
        }
    }
}

/// One case of `bench`.
struct BenchRow: Encodable {
    var size: String, users: Int, items: Int, trainRatings: Int, model: String, optimizer: String
    var k: Int, threads: Int, epochs: Int, uniform: Bool
    var millisecondsPerEpoch: Double, cpuMillisecondsPerEpoch: Double, ratingsPerSecondPerCore: Double
    var ratingsPerWallSecondPerThread: Double, wallSeconds: Double, cpuSeconds: Double
    var peakResidentBytes: Int, bytesPerRating: Double, evaluationRatingsPerSecond: Double, foldInUsersPerSecond: Double

    init(size: String, data: RatingSet, configuration c: TrainingConfiguration, measurement m: BenchmarkMeasurement,
         wallSeconds: Double, cpuSeconds: Double, peakResidentBytes: Int, uniform: Bool) {
        self.size = size; users = data.userCount; items = data.itemCount; trainRatings = m.trainRatings
        model = c.model.rawValue; optimizer = c.optimizer.rawValue; k = c.k; threads = c.threads; epochs = c.epochs
        self.uniform = uniform
        millisecondsPerEpoch = m.medianEpochSeconds * 1000
        cpuMillisecondsPerEpoch = m.medianEpochCPUSeconds * 1000
        ratingsPerSecondPerCore = Double(m.trainRatings) / m.medianEpochCPUSeconds
        ratingsPerWallSecondPerThread = Double(m.trainRatings) / m.medianEpochSeconds / Double(c.threads)
        self.wallSeconds = wallSeconds; self.cpuSeconds = cpuSeconds; self.peakResidentBytes = peakResidentBytes
        bytesPerRating = Double(peakResidentBytes) / Double(data.count)
        evaluationRatingsPerSecond = Double(m.evaluatedRatings) / m.evaluationSeconds
        foldInUsersPerSecond = m.foldInSeconds > 0 ? Double(m.foldInUsers) / m.foldInSeconds : 0
    }

    var markdown: String {
        String(format: "| %@%@ | %d | %d | %d | %@ | %@ | %d | %d | %.1f | %.1f | %.2fM | %.1f | %.1f | %.0f | %.0f | %.2fM | %.0f |",
               size, uniform ? " uniform" : "", users, items, trainRatings, model, optimizer, k, threads,
               millisecondsPerEpoch, cpuMillisecondsPerEpoch, ratingsPerSecondPerCore / 1e6, wallSeconds, cpuSeconds,
               Double(peakResidentBytes) / 1_048_576, bytesPerRating, evaluationRatingsPerSecond / 1e6,
               foldInUsersPerSecond)
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
