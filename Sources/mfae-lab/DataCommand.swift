import ArgumentParser
import Foundation
import MFAECore
import MFAEFetch

/// `mfae-lab data`: fetch, inspect and generate data sets.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Fetch, inspect and generate rating data sets.",
        subcommands: [Fetch.self, Info.self, Synth.self, Split.self]
    )

    /// `data fetch NAME`: downloads a named set into the data directory and verifies it.
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch a named MovieLens set into the data directory and verify it.",
            discussion: """
                From GroupLens's zip files over HTTPS (or the mirror in $\(MovieLensRelease.mirrorEnvironmentVariable)): \
                the MD5 published beside each zip is checked, and the ratings are counted after unpacking. \
                An interrupted download resumes. ml-100k comes by default from the RecBole 1.2.1 wheel \
                (python3 -m pip download), which needs only the Python package index.
                """)

        /// The set to fetch.
        @Argument(help: "The data set to fetch: \(DatasetFetcher.fetchableNames.joined(separator: ", ")).")
        var name: String

        /// Where from; the fetcher's default when absent.
        @Option(help: "Where from: grouplens or recbole (ml-100k only; its default).")
        var source: DatasetFetcher.Source?

        /// The `--data-dir` flag, resolved by ``DataDirectory/resolve(flag:environment:)``.
        @Option(name: .customLong("data-dir"), help: "Data directory (default: $MFAE_DATA_DIR, else ./data).")
        var dataDirectory: String?

        /// Fetches, then loads the set to print its counts and fingerprint.
        func run() throws {
            let directory = DataDirectory.resolve(flag: dataDirectory)
            let folder = try FetchProgressLine.makeFetcher().fetch(name, into: directory, source: source,
                                                                   log: Console.say)
            let set = try DatasetLoader.load(folder: folder, format: nil, name: name)
            Console.say("\(set.name): \(set.userCount) users, \(set.itemCount) items, \(set.count) ratings")
            Console.say("fingerprint \(set.fingerprint)")
        }
    }

    /// `data info PATH_OR_NAME`: loads a set and describes it.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a data set and print its size, levels, sparsity and fingerprint.")

        /// What to load, as `--dataset` takes it.
        @Argument(help: "A folder path, a named set (ml-100k), \"synthetic\", or a JSON data set.")
        var dataset: String

        /// The folder's format; detected when absent.
        @Option(help: "Format of a folder (default: detected).")
        var format: MovieLensFormat?

        /// The `--data-dir` flag, resolved by ``DataDirectory/resolve(flag:environment:)``.
        @Option(name: .customLong("data-dir"), help: "Data directory (default: $MFAE_DATA_DIR, else ./data).")
        var dataDirectory: String?

        /// Whether to print JSON.
        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        /// Checks `--format` and that it is not combined with synthetic data.
        func validate() throws {
            guard format != nil else { return }
            if case .synthetic? = try? DatasetSource.parse(dataset) {
                throw ValidationError("--format applies to folders and named sets, not to synthetic data")
            }
        }

        /// Loads the set (fetching a missing ml-100k) and prints what it holds.
        func run() throws {
            let directory = DataDirectory.resolve(flag: dataDirectory)
            var source = try DatasetSource.parse(dataset)
            if let format, let folder = source.folder(dataDirectory: directory) {
                source = .folder(path: folder.path, format: format)
            }
            let started = Date()
            // Progress goes to stderr so that --json output stays one object.
            let set = try source.loadFetchingIfMissing(dataDirectory: directory,
                                                       fetcher: FetchProgressLine.makeFetcher(), log: Console.log)
            let seconds = Date().timeIntervalSince(started)
            let bytes = source.folder(dataDirectory: directory).flatMap { ratingsFileBytes(in: $0, format: source) }
            printInfo(set, seconds: seconds, bytes: bytes)
        }

        /// Size of the ratings and items files read, when the source is a folder.
        private func ratingsFileBytes(in folder: URL, format source: DatasetSource) -> Int? {
            var format: MovieLensFormat?
            if case let .folder(_, explicit) = source { format = explicit }
            guard let resolved = format ?? (try? MovieLensFormat.detect(in: folder)),
                  let files = try? resolved.files(in: folder) else { return nil }
            return [files.ratings, files.items].compactMap { $0 }.reduce(0) { $0 + fileSize($1) }
        }

        /// Prints the set as aligned text or one JSON object.
        private func printInfo(_ set: RatingSet, seconds: Double, bytes: Int?) {
            let levels = set.levels.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }
            if json {
                var object: [String: Any] = [
                    "name": set.name, "users": set.userCount, "items": set.itemCount, "ratings": set.count,
                    "levels": set.levels.map(Double.init), "sparsity": set.sparsity,
                    "fingerprint": set.fingerprint, "seconds": seconds,
                ]
                if let floor = set.noiseFloorMSE { object["noise_floor_mse"] = floor }
                if let bytes { object["bytes"] = bytes }
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    print(String(decoding: data, as: UTF8.self))
                }
                return
            }
            print("data set     \(set.name)")
            print("users        \(set.userCount)")
            print("items        \(set.itemCount)")
            print("ratings      \(set.count)")
            print("levels       \(levels.joined(separator: ", ")) (\(set.levelCount))")
            print("sparsity     \(String(format: "%.6f", set.sparsity))")
            print("fingerprint  \(set.fingerprint)")
            if let floor = set.noiseFloorMSE { print("noise floor  \(String(format: "%.4f", floor)) (MSE)") }
            var timing = "loaded in    \(String(format: "%.2f", seconds)) s"
            if let bytes, seconds > 0 {
                timing += String(format: " (%.1f MB, %.1f MB/s)", Double(bytes) / 1e6, Double(bytes) / 1e6 / seconds)
            }
            print(timing)
        }
    }

    /// `data synth`: generates a synthetic set and writes it as MovieLens files.
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a synthetic data set and write it in a MovieLens format.")

        /// Where the files go.
        @Option(help: "Folder to write into (created when missing).")
        var out: String

        /// The files' format.
        @Option(help: "File format.")
        var format: MovieLensFormat = .csv

        /// The generator's parameters, one option each (see ``SyntheticParameters``).
        @Option(help: "Number of users.") var users: Int = SyntheticParameters().users
        @Option(help: "Number of items.") var items: Int = SyntheticParameters().items
        @Option(help: "Number of ratings.") var ratings: Int = SyntheticParameters().ratings
        @Option(help: "Rank of the planted model.") var rank: Int = SyntheticParameters().rank
        @Option(help: "Standard deviation of the rating noise.") var noise: Double = SyntheticParameters().noise
        @Option(help: "Random seed.") var seed: UInt64 = SyntheticParameters().seed
        @Option(name: .customLong("popularity-exponent"), help: "Zipf exponent of item popularity (0: uniform).")
        var popularityExponent: Double = SyntheticParameters().popularityExponent
        @Option(name: .customLong("activity-exponent"), help: "Zipf exponent of user activity (0: uniform).")
        var activityExponent: Double = SyntheticParameters().activityExponent
        @Option(name: .customLong("min-ratings"), help: "Fewest ratings per user (at least 4).")
        var minRatings: Int = SyntheticParameters().minRatingsPerUser

        /// Generates, writes, and prints the files and the seconds each step took.
        func run() throws {
            let fileFormat = format
            var parameters = SyntheticParameters()
            parameters.users = users
            parameters.items = items
            parameters.ratings = ratings
            parameters.rank = rank
            parameters.noise = noise
            parameters.seed = seed
            parameters.popularityExponent = popularityExponent
            parameters.activityExponent = activityExponent
            parameters.minRatingsPerUser = minRatings
            var started = Date()
            let set = try parameters.generate()
            let generated = Date().timeIntervalSince(started)
            print("generated \(set.count) ratings by \(set.userCount) users of \(set.itemCount) items "
                + String(format: "in %.2f s (noise floor MSE %.4f)", generated, set.noiseFloorMSE ?? 0))
            started = Date()
            let files = try DatasetWriter.write(set, to: URL(fileURLWithPath: out, isDirectory: true),
                                                format: fileFormat)
            let written = Date().timeIntervalSince(started)
            var bytes = 0
            for file in files {
                let size = fileSize(file)
                bytes += size
                print("wrote \(file.path) (\(String(format: "%.1f", Double(size) / 1e6)) MB)")
            }
            print(String(format: "wrote %.1f MB in %.2f s (%.1f MB/s)", Double(bytes) / 1e6, written,
                         written > 0 ? Double(bytes) / 1e6 / written : 0))
            print("fingerprint \(set.fingerprint)")
        }
    }
}

/// The size of the file at `url` in bytes, 0 when unknown.
private func fileSize(_ url: URL) -> Int {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes?[.size] as? Int) ?? 0
}

extension DatasetFetcher.Source: ExpressibleByArgument {}
