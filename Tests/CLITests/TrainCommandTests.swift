import Foundation
import MFAETestSupport
import Testing

/// `mfae-lab train` and `mfae-lab data` run as a user would: the built executable in a temporary folder.
@Suite("mfae-lab train and data, end to end")
struct TrainCommandTests {
    /// A tiny ML-1M-style folder: `ratings.dat` and `movies.dat` (`::`, Latin-1 titles).
    func writeDatFolder(in folder: TemporaryDirectory) throws -> URL {
        var ratings = ""
        for user in 1 ... 24 {
            for item in 1 ... 12 where (user * 7 + item * 3) % 5 != 0 {
                ratings += "\(user)::\(item)::\(1 + (user + item * 2) % 5)::97830\(user)\n"
            }
        }
        _ = try folder.write(ratings, to: "ml-tiny/ratings.dat")
        var movies: [UInt8] = []
        for item in 1 ... 12 {
            let title = item == 3 ? "Am\u{E9}lie (2001)" : "Film \(item) (1999)"
            movies += Array("\(item)::".utf8) + title.unicodeScalars.map { UInt8($0.value) } + Array("::Drama\n".utf8)
        }
        _ = try folder.write(bytes: movies, to: "ml-tiny/movies.dat")
        return folder.url(for: "ml-tiny")
    }

    @Test func trainOnAMovieLensFolderPrintsEpochsAndAJSONSummary() throws {
        try TemporaryDirectory.with { folder in
            let data = try writeDatFolder(in: folder)
            let result = try CLIProcess.run(["train", "--dataset", data.path, "--model", "mfae", "--k", "3",
                                             "--epochs", "3", "--batch-size", "50", "--similar", "Amélie", "--json"],
                                            in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            // Standard output is exactly one JSON document; the human-readable lines go to standard error.
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("epoch") }.count == 3)
            #expect(lines.contains { $0.contains("nearest to Amélie (2001)") })
            let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let json = try #require(summary)
            for key in ["model", "protocol", "seed", "best_epoch", "valid_rmse", "test_mse", "test_rmse", "test_mae",
                        "epoch_seconds_median", "train_seconds", "neighbors"] {
                #expect(json[key] != nil, "missing \(key)")
            }
            #expect(json["model"] as? String == "mfae")
            #expect((json["neighbors"] as? [String])?.count == 10)
        }
    }

    @Test func heldoutReportsFoldInTimeAndSameSeedRepeatsExactly() throws {
        try TemporaryDirectory.with { folder in
            let data = try writeDatFolder(in: folder)
            let arguments = ["train", "--dataset", data.path, "--model", "mf", "--protocol", "heldout", "--k", "2",
                             "--epochs", "2", "--batch-size", "40", "--json"]
            let first = try CLIProcess.run(arguments, in: folder.url)
            let second = try CLIProcess.run(arguments, in: folder.url)
            #expect(first.status == 0, "\(first.stderr)")
            func metrics(_ output: String) throws -> [String: Double] {
                let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
                let json = try #require(object as? [String: Any])
                // Times and throughputs measure the machine, not the run.
                return json.compactMapValues { $0 as? Double }.filter { !$0.key.contains("seconds") && !$0.key.hasPrefix("fold_in") }
            }
            #expect(try metrics(first.stdout)["test_rmse"] != nil)
            #expect(first.stdout.contains("\"fold_in_ms_per_user\""))
            #expect(try metrics(first.stdout) == metrics(second.stdout))
        }
    }

    @Test(arguments: [
        (["train", "--k", "0"], "--k: expected a positive integer"),
        (["train", "--model", "svd"], "--model: expected one of mfae, mf, global_mean, item_bias"),
        (["train", "--mask-fraction", "1"], "--mask-fraction: expected a number in [0, 1)"),
        (["train", "--dataset", "no/such/folder"], "no/such/folder"),
    ])
    func badFlagsSayWhatIsAllowed(arguments: [String], message: String) throws {
        try TemporaryDirectory.with { folder in
            let result = try CLIProcess.run(arguments, in: folder.url)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func malformedDataNamesTheFileAndLine() throws {
        try TemporaryDirectory.with { folder in
            _ = try folder.write("1::1::5::0\n1::2::five::0\n", to: "bad/ratings.dat")
            let result = try CLIProcess.run(["data", "info", folder.url(for: "bad").path], in: folder.url)
            #expect(result.status != 0)
            #expect(result.stderr.contains("ratings.dat:2"), "\(result.stderr)")
        }
    }
}
