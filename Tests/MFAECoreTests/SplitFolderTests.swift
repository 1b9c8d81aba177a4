import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// `data split`'s files (``SplitWriter``) and reading them back (``SplitFolder``).
@Suite struct SplitFolderTests {
    let data = Fixtures.planted(users: 60, items: 40, perUser: 12)

    /// `user_id,item_id,rating` lines of a file, without its header.
    func lines(_ url: URL) throws -> [String] {
        Array(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init))
    }

    /// Original-id lines of a part of a split, in stored order.
    func lines(_ ratings: RatingsByUser, of set: RatingSet) -> [String] {
        (0 ..< ratings.rowCount).flatMap { row in
            ratings.range(ofRow: row).map {
                "\(set.userIDs[Int(ratings.users[row])]),\(set.itemIDs[Int(ratings.items[$0])]),\(Int(ratings.values[$0])).0"
            }
        }
    }

    @Test func warmFilesAreDisjointCompleteAndTheRunsSplit() throws {
        try TemporaryDirectory.with { folder in
            let manifest = try SplitWriter.write(data, protocol: .warm, seed: 3, validFraction: 0.1, testFraction: 0.1,
                                                 to: folder.url)
            let split = try ProtocolSplit.make(data, protocol: .warm, validFraction: 0.1, testFraction: 0.1, seed: 3)
            let train = try lines(folder.url(for: "train.csv")), valid = try lines(folder.url(for: "valid.csv"))
            let test = try lines(folder.url(for: "test.csv"))
            #expect(train == lines(split.train, of: data))
            #expect(valid == lines(split.valid.targets, of: data))
            #expect(test == lines(split.test.targets, of: data))
            let all = Set(train + valid + test)
            #expect(all.count == data.count && train.count + valid.count + test.count == data.count)
            #expect(all == Set(lines(data.ratings, of: data)))
            #expect(manifest.datasetFingerprint == data.fingerprint)
            #expect(manifest.files.map(\.name) == ["train.csv", "valid.csv", "test.csv", "users.csv", "items.csv"])
            #expect(manifest.files[0].rows == train.count)
            let header = try String(contentsOf: folder.url(for: "train.csv"), encoding: .utf8).prefix(22)
            #expect(header == "user_id,item_id,rating")
            let stored = try JSONDecoder().decode(SplitManifest.self,
                                                  from: Data(contentsOf: folder.url(for: "split.json")))
            #expect(stored == manifest)
        }
    }

    @Test(arguments: [ModelKind.mf, .mfae, .itemBias])
    func aReimportedSplitTrainsExactlyLikeTheDrawnOne(_ model: ModelKind) throws {
        try TemporaryDirectory.with { folder in
            try SplitWriter.write(data, protocol: .warm, seed: 3, validFraction: 0.1, testFraction: 0.1, to: folder.url)
            let imported = try DatasetLoader.load(folder: folder.url, name: "imported")
            #expect(imported.userIDs == data.userIDs && imported.itemIDs == data.itemIDs)
            #expect(imported.itemTitles == data.itemTitles && imported.levels == data.levels)
            #expect(imported.presplit != nil && imported.fingerprint != data.fingerprint)
            var configuration = TrainingConfiguration()
            configuration.model = model
            configuration.seed = 3
            configuration.epochs = 4
            configuration.k = 4
            let drawn = try Trainer.run(configuration, on: data)
            configuration.seed = 3
            let reimported = try Trainer.run(configuration, on: imported)
            #expect(reimported.test == drawn.test)
            #expect(reimported.valid == drawn.valid)
            #expect(reimported.trainRatings == drawn.trainRatings)
        }
    }

    @Test func heldoutWritesGivenAndHiddenHalves() throws {
        try TemporaryDirectory.with { folder in
            let manifest = try SplitWriter.write(data, protocol: .heldout, seed: 2, validFraction: 0.2,
                                                 testFraction: 0.2, to: folder.url)
            #expect(manifest.files.map(\.name).prefix(5) == ["train.csv", "valid_given.csv", "valid_hidden.csv",
                                                            "test_given.csv", "test_hidden.csv"])
            let split = try ProtocolSplit.make(data, protocol: .heldout, validFraction: 0.2, testFraction: 0.2, seed: 2)
            #expect(try lines(folder.url(for: "test_given.csv")) == lines(split.test.input, of: data))
            #expect(try lines(folder.url(for: "test_hidden.csv")) == lines(split.test.targets, of: data))
            let trainUsers = Set(try lines(folder.url(for: "train.csv")).map { $0.split(separator: ",")[0] })
            let testUsers = Set(try lines(folder.url(for: "test_hidden.csv")).map { $0.split(separator: ",")[0] })
            #expect(trainUsers.isDisjoint(with: testUsers))
        }
    }

    @Test func aPresplitSetRefusesTheHeldoutProtocol() throws {
        try TemporaryDirectory.with { folder in
            try SplitWriter.write(data, protocol: .warm, seed: 1, validFraction: 0.1, testFraction: 0.1, to: folder.url)
            let imported = try DatasetLoader.load(folder: folder.url, name: "imported")
            #expect(throws: TrainingError.self) {
                try ProtocolSplit.make(imported, protocol: .heldout, validFraction: 0.1, testFraction: 0.1, seed: 1)
            }
        }
    }

    @Test func aGroupLensFoldGetsASeededValidationPartFromItsTrainingPart() throws {
        try TemporaryDirectory.with { folder in
            var base = "", test = ""
            for user in 1 ... 30 {
                for item in 1 ... 10 { base += "\(user)\t\(item)\t\((user + item) % 5 + 1)\t881250949\n" }
                test += "\(user)\t\(11 + user % 3)\t3\t881250950\n"
            }
            _ = try folder.write(base, to: "u1.base")
            _ = try folder.write(test, to: "u1.test")
            _ = try folder.write((1 ... 13).map { "\($0)|Movie \($0) (1995)|01-Jan-1995||x" }.joined(separator: "\n"),
                                 to: "u.item")
            let source = try DatasetSource.parse(#"{"folder": "\#(folder.url.path)", "fold": "u1"}"#)
            let set = try source.load(dataDirectory: folder.url, log: { _ in })
            #expect(set.count == 330 && set.itemTitles[0] == "Movie 1 (1995)")
            #expect(set.presplit?.filter { $0 == .test }.count == 30)
            let split = try ProtocolSplit.make(set, protocol: .warm, validFraction: 0.1, testFraction: 0.1, seed: 5)
            #expect(split.test.targets.count == 30)
            #expect(split.valid.targets.count > 10 && split.valid.targets.count < 60)
            #expect(split.train.count + split.valid.targets.count == 300)
            let again = try ProtocolSplit.make(set, protocol: .warm, validFraction: 0.1, testFraction: 0.1, seed: 5)
            #expect(again.valid == split.valid)
            #expect(throws: (any Error).self) { try DatasetSource.parse(#"{"folder": "x", "fold": "u1", "format": "dat"}"#) }
        }
    }
}
