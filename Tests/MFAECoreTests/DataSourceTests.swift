import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// `DatasetSource` JSON forms, `parse` for `--dataset`, loading, and the data directory.
@Suite struct DataSourceTests {
    static func decode(_ json: String) throws -> DatasetSource {
        try JSONDecoder().decode(DatasetSource.self, from: Data(json.utf8))
    }

    static let allowedSyntheticKeys =
        "users, items, ratings, rank, noise, seed, popularity_exponent, activity_exponent, min_ratings_per_user"

    @Test func stringForms() throws {
        #expect(try Self.decode(#""ml-100k""#) == .named("ml-100k"))
        #expect(try Self.decode(#""synthetic""#) == .synthetic(SyntheticParameters()))
        #expect(try Self.decode(#""./ml""#) == .folder(path: "./ml", format: nil))
        #expect(try Self.decode(#""/data/ml-1m""#) == .folder(path: "/data/ml-1m", format: nil))
        #expect(try Self.decode(#""data/ml-25m""#) == .folder(path: "data/ml-25m", format: nil))
        #expect(throws: DecodingError.self) { try Self.decode(#""""#) }
    }

    @Test func objectForms() throws {
        var expected = SyntheticParameters()
        expected.users = 500
        expected.popularityExponent = 0
        #expect(try Self.decode(#"{"synthetic": {"users": 500, "popularity_exponent": 0}}"#) == .synthetic(expected))
        #expect(try Self.decode(#"{"synthetic": {}}"#) == .synthetic(SyntheticParameters()))
        #expect(try Self.decode(#"{"folder": "x/y", "format": "dat"}"#) == .folder(path: "x/y", format: .dat))
        #expect(try Self.decode(#"{"folder": "ml", "format": "u-data"}"#) == .folder(path: "ml", format: .udata))
        #expect(try Self.decode(#"{"folder": "ml"}"#) == .folder(path: "ml", format: nil))
    }

    @Test func unknownKeysAreNamed() {
        #expect(throws: DatasetError.invalidDataset(
            "dataset: at synthetic.user: unknown key \"user\" (allowed: \(Self.allowedSyntheticKeys))")) {
            try DatasetSource.parse(#"{"synthetic": {"user": 5}}"#)
        }
        #expect(throws: DatasetError.invalidDataset(
            "dataset: at fromat: unknown key \"fromat\" (allowed: folder, format, fold)")) {
            try DatasetSource.parse(#"{"folder": "ml", "fromat": "dat"}"#)
        }
        #expect(throws: DatasetError.invalidDataset(
            "dataset: at synthtic: unknown key \"synthtic\" (allowed: synthetic, folder, format)")) {
            try DatasetSource.parse(#"{"synthtic": {}}"#)
        }
        #expect(throws: DatasetError.invalidDataset(
            "dataset: at folder: unknown key \"folder\" (allowed: synthetic)")) {
            try DatasetSource.parse(#"{"synthetic": {}, "folder": "x"}"#)
        }
        do {
            _ = try DatasetSource.parse(#"{"folder": "ml", "format": "xml"}"#)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("expected one of recbole, u_data, dat, csv, got \"xml\""))
        }
    }

    @Test func encodingRoundTrips() throws {
        var parameters = SyntheticParameters()
        parameters.seed = 42
        let sources: [DatasetSource] = [
            .named("ml-100k"), .synthetic(parameters), .folder(path: "data", format: nil),
            .folder(path: "/x/ml-1m", format: .dat),
        ]
        for source in sources {
            let data = try JSONEncoder().encode(source)
            #expect(try JSONDecoder().decode(DatasetSource.self, from: data) == source)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(DatasetSource.synthetic(SyntheticParameters())), as: UTF8.self)
        #expect(json.contains(#""min_ratings_per_user":10"#) && json.contains(#""popularity_exponent":1"#))
        #expect(String(decoding: try encoder.encode(DatasetSource.named("ml-100k")), as: UTF8.self) == #""ml-100k""#)
    }

    @Test func parseForms() throws {
        #expect(try DatasetSource.parse("ml-100k") == .named("ml-100k"))
        #expect(try DatasetSource.parse(" synthetic ") == .synthetic(SyntheticParameters()))
        #expect(try DatasetSource.parse("../data/ml-1m") == .folder(path: "../data/ml-1m", format: nil))
        #expect(try DatasetSource.parse(#"{"folder": "m", "format": "csv"}"#) == .folder(path: "m", format: .csv))
        #expect(try DatasetSource.parse(#""ml-100k""#) == .named("ml-100k"))
        #expect(throws: DatasetError.self) { try DatasetSource.parse("two words") }
        #expect(throws: DatasetError.self) { try DatasetSource.parse("{not json") }
    }

    @Test func displayNames() {
        #expect(DatasetSource.named("ml-100k").displayName == "ml-100k")
        #expect(DatasetSource.synthetic(SyntheticParameters()).displayName == "synthetic")
        #expect(DatasetSource.folder(path: "/data/ml-25m/", format: nil).displayName == "ml-25m")
    }

    @Test func loadsFolderAndNamedSetsWithoutFetching() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1\t10\t4\t0\n2\t10\t5\t0\n", to: "data/ml-100k/u.data")
            try folder.write("userId,movieId,rating,timestamp\n1,2,3.5,0\n", to: "elsewhere/ratings.csv")
            var messages: [String] = []
            let data = folder.url(for: "data")
            let named = try DatasetSource.named("ml-100k").load(dataDirectory: data) { messages.append($0) }
            #expect(named.name == "ml-100k" && named.count == 2)
            #expect(messages.isEmpty)
            let path = folder.url(for: "elsewhere").path
            let loose = try DatasetSource.folder(path: path, format: nil).load(dataDirectory: data) { _ in }
            #expect(loose.name == "elsewhere" && loose.levels == [3.5])
        }
    }

    @Test func missingNamedSetIsNotFetchedByCore() throws {
        try TemporaryDirectory.with { folder in
            let data = folder.url
            #expect(throws: DatasetError.invalidDataset(
                "no ratings file (*.inter, u.data, ratings.dat, ratings.csv) in \(data.appendingPathComponent("ml-1m").path)"
                    + "; `mfae-lab data fetch ml-1m` fetches a MovieLens set by name")) {
                try DatasetSource.named("ml-1m").load(dataDirectory: data) { _ in }
            }
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("ml-1m").path))
        }
    }

    @Test func syntheticSourceGenerates() throws {
        var parameters = SyntheticParameters()
        parameters.users = 50; parameters.items = 40; parameters.ratings = 1_000
        let set = try DatasetSource.synthetic(parameters).load(dataDirectory: URL(fileURLWithPath: "/nonexistent")) { _ in }
        #expect(set.count == 1_000 && set.noiseFloorMSE != nil)
    }

    @Test func dataDirectoryResolution() {
        let environment = [DataDirectory.environmentVariable: "/env/data"]
        #expect(DataDirectory.resolve(flag: "/flag/data", environment: environment).path == "/flag/data")
        #expect(DataDirectory.resolve(flag: nil, environment: environment).path == "/env/data")
        #expect(DataDirectory.resolve(flag: "", environment: environment).path == "/env/data")
        let fallback = DataDirectory.resolve(flag: nil, environment: [:])
        #expect(fallback.path == URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("data").standardizedFileURL.path)
    }
}
