import ArgumentParser
import Foundation
import MFAECore

extension DataCommand {
    /// `data split`: writes the exact split a run with these settings uses, for other libraries.
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the exact train/validation/test split a run uses, as CSV files with the data set's ids.",
            discussion: """
                Writes train.csv, valid.csv and test.csv (user_id,item_id,rating) for warm and reconstruction; \
                for heldout, train.csv and the given and hidden halves of the validation and test users. \
                users.csv and items.csv fix the index order, split.json records the data fingerprint, the \
                settings and each file's SHA-256. A folder with train.csv and test.csv can be given back as \
                --dataset: the warm protocol then uses that split.
                """)

        @Option(help: "A folder path, a named set (ml-100k), \"synthetic\", or a JSON data set.")
        var dataset: String = "synthetic"

        @Option(name: .customLong("protocol"), help: "warm, heldout or reconstruction.")
        var evaluationProtocol: String = EvaluationProtocol.warm.rawValue

        @Option(help: "The run's seed (it fixes the split).")
        var seed: UInt64 = 0

        @Option(name: .customLong("valid-fraction"), help: "Fraction of ratings (users, for heldout) for validation.")
        var validFraction: Double = TrainingConfiguration().validFraction

        @Option(name: .customLong("test-fraction"), help: "Fraction of ratings (users, for heldout) for testing.")
        var testFraction: Double = TrainingConfiguration().testFraction

        @Option(help: "Folder to write into (created when missing).")
        var out: String

        @Option(name: .customLong("data-dir"), help: "Data directory (default: $MFAE_DATA_DIR, else ./data).")
        var dataDirectory: String?

        func validate() throws {
            guard EvaluationProtocol(parsing: evaluationProtocol) != nil else {
                throw ValidationError("--protocol: expected one of \(EvaluationProtocol.allowedValues)")
            }
            var configuration = TrainingConfiguration()
            configuration.validFraction = validFraction
            configuration.testFraction = testFraction
            if let problem = configuration.problems().first {
                throw ValidationError("--\(problem.key.replacingOccurrences(of: "_", with: "-")): expected \(problem.expected)")
            }
        }

        func run() throws {
            let data = try CommandSupport.loadDataset(dataset, format: nil, dataDir: dataDirectory)
            let chosen = EvaluationProtocol(parsing: evaluationProtocol) ?? .warm
            let manifest = try SplitWriter.write(data, protocol: chosen, seed: seed, validFraction: validFraction,
                                                 testFraction: testFraction, to: URL(fileURLWithPath: out))
            for file in manifest.files { print("wrote \(out)/\(file.name) (\(file.rows) rows)") }
            print("wrote \(out)/\(SplitFolder.manifestFile) (data fingerprint \(manifest.datasetFingerprint))")
        }
    }
}
