import Crypto
import Foundation

/// What a folder written by ``SplitWriter`` holds: where the split came from and a checksum of each file.
public struct SplitManifest: Codable, Sendable, Equatable {
    /// One written file.
    public struct File: Codable, Sendable, Equatable {
        /// The file's name in the folder.
        public var name: String
        /// Ratings (or ids, for `users.csv` and `items.csv`) it holds.
        public var rows: Int
        /// SHA-256 of its bytes, hex.
        public var sha256: String
    }

    /// Version of this layout.
    public var formatVersion = 1
    /// The data set's display name.
    public var dataset: String
    /// ``RatingSet/fingerprint`` of the data set that was split.
    public var datasetFingerprint: String
    /// The protocol whose split this is.
    public var evaluationProtocol: String
    /// The split seed.
    public var seed: UInt64
    public var validFraction: Double
    public var testFraction: Double
    /// Every file, in writing order.
    public var files: [File]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", dataset, datasetFingerprint = "dataset_fingerprint"
        case evaluationProtocol = "protocol", seed, validFraction = "valid_fraction"
        case testFraction = "test_fraction", files
    }
}

/// Writes the exact split a run uses, so that any other library can be run on it:
/// `train.csv`, `valid.csv`, `test.csv` (`user_id,item_id,rating`, the data set's own ids, users in
/// index order and each user's ratings in stored order) for the rating-split protocols; for `heldout`,
/// `train.csv` and the given and hidden halves of the validation and test users
/// (`valid_given.csv`, `valid_hidden.csv`, `test_given.csv`, `test_hidden.csv`). Beside them
/// `users.csv` and `items.csv` (index order, with titles) and `split.json` (``SplitManifest``).
/// ``SplitFolder`` reads the rating-split layout back.
public enum SplitWriter {
    /// Splits `data` as a run of `protocol` with `seed` and these fractions would, and writes it to `folder`.
    /// - Throws: ``TrainingError`` for an unusable split, ``DatasetError/unreadable(file:reason:)`` for
    ///   a file that cannot be written.
    @discardableResult
    public static func write(_ data: RatingSet, protocol evaluationProtocol: EvaluationProtocol, seed: UInt64,
                             validFraction: Double, testFraction: Double, to folder: URL) throws -> SplitManifest {
        let split = try ProtocolSplit.make(data, protocol: evaluationProtocol, validFraction: validFraction,
                                           testFraction: testFraction, seed: seed)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unreadable(file: folder.path, reason: DatasetError.describe(error))
        }
        var parts: [(String, RatingsByUser)] = [("train.csv", split.train)]
        if evaluationProtocol == .heldout {
            parts += [("valid_given.csv", split.valid.input), ("valid_hidden.csv", split.valid.targets),
                      ("test_given.csv", split.test.input), ("test_hidden.csv", split.test.targets)]
        } else {
            parts += [("valid.csv", split.valid.targets), ("test.csv", split.test.targets)]
        }
        var files: [SplitManifest.File] = []
        for (name, ratings) in parts {
            let url = folder.appendingPathComponent(name)
            try writeRatings(ratings, of: data, to: url)
            files.append(try record(url, rows: ratings.count))
        }
        let usersURL = folder.appendingPathComponent(SplitFolder.usersFile)
        try writeLines(["user_id"] + data.userIDs.map(DatasetWriter.csvField), to: usersURL)
        files.append(try record(usersURL, rows: data.userCount))
        let itemsURL = folder.appendingPathComponent(SplitFolder.itemsFile)
        let itemLines = zip(data.itemIDs, data.itemTitles).map {
            DatasetWriter.csvField($0.0) + "," + DatasetWriter.csvField(DatasetWriter.cleanTitle($0.1, format: .udata))
        }
        try writeLines(["item_id,title"] + itemLines, to: itemsURL)
        files.append(try record(itemsURL, rows: data.itemCount))
        let manifest = SplitManifest(dataset: data.name, datasetFingerprint: data.fingerprint,
                                     evaluationProtocol: evaluationProtocol.rawValue, seed: seed,
                                     validFraction: validFraction, testFraction: testFraction, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writeLines([String(decoding: try encoder.encode(manifest), as: UTF8.self)],
                       to: folder.appendingPathComponent(SplitFolder.manifestFile))
        return manifest
    }

    /// One `user_id,item_id,rating` line per rating, after a header.
    private static func writeRatings(_ ratings: RatingsByUser, of data: RatingSet, to url: URL) throws {
        let out = try ByteFileWriter(url: url)
        do {
            try out.append("user_id,item_id,rating\n")
            let levelTexts = data.levels.map { DatasetWriter.valueText($0, format: .csv) }
            for row in 0 ..< ratings.rowCount {
                let user = DatasetWriter.csvField(data.userIDs[Int(ratings.users[row])])
                for index in ratings.range(ofRow: row) {
                    let value = ratings.values[index]
                    let text = RatingLevels.index(of: value, in: data.levels).map { levelTexts[$0] }
                        ?? DatasetWriter.valueText(value, format: .csv)
                    try out.append(user + "," + DatasetWriter.csvField(data.itemIDs[Int(ratings.items[index])])
                        + "," + text + "\n")
                }
            }
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
    }

    private static func writeLines(_ lines: [String], to url: URL) throws {
        let out = try ByteFileWriter(url: url)
        do {
            for line in lines { try out.append(line + "\n") }
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
    }

    private static func record(_ url: URL, rows: Int) throws -> SplitManifest.File {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return SplitManifest.File(name: url.lastPathComponent, rows: rows, sha256: digest)
    }
}
