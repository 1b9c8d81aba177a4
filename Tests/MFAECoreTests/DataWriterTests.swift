import Foundation
@testable import MFAECore
import MFAETestSupport
import Testing

/// Writing a set in each format and reading it back gives the same set.
@Suite struct DataWriterTests {
    /// Three users, four items, half stars, titles with accents, commas, quotes and a non-Latin-1 script.
    static func handMadeSet() -> RatingSet {
        var builder = RatingSetBuilder()
        for (user, item, value) in [("7", "100", 4.0), ("7", "200", 3.5), ("3", "100", 0.5), ("3", "300", 5.0),
                                    ("9", "400", 3.0), ("9", "200", 3.5)] as [(String, String, Float)] {
            builder.add(userID: user, itemID: item, value: value)
        }
        return builder.build(name: "hand", titles: [
            "100": "Misérables, Les (1995)", "200": "Dead Man's \"Curse\", A (2001)",
            "300": "千と千尋の神隠し (2001)",
        ])
    }

    @Test(arguments: MovieLensFormat.allCases)
    func roundTrip(format: MovieLensFormat) throws {
        try TemporaryDirectory.with { folder in
            let set = Self.handMadeSet()
            let files = try DatasetWriter.write(set, to: folder.url, format: format)
            #expect(files.count == 2)
            let back = try DatasetLoader.load(folder: folder.url, format: nil, name: set.name)
            #expect(back.userIDs == set.userIDs)
            #expect(back.itemIDs == set.itemIDs)
            #expect(back.itemTitles == set.itemTitles)
            #expect(back.levels == set.levels)
            #expect(back.ratings == set.ratings)
            #expect(back.fingerprint == set.fingerprint)
            // No partial files are left behind.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            #expect(!names.contains { $0.hasSuffix(".partial") })
        }
    }

    @Test(arguments: MovieLensFormat.allCases)
    func syntheticRoundTripKeepsTheFingerprint(format: MovieLensFormat) throws {
        try TemporaryDirectory.with { folder in
            var parameters = SyntheticParameters()
            parameters.users = 120; parameters.items = 300; parameters.ratings = 3_000
            let set = try parameters.generate()
            try DatasetWriter.write(set, to: folder.url, format: format)
            let back = try DatasetLoader.load(folder: folder.url, format: format, name: "synthetic")
            #expect(back.fingerprint == set.fingerprint)
            #expect(back.itemTitles == set.itemTitles)
        }
    }

    @Test func latin1WhenTitlesFit() throws {
        try TemporaryDirectory.with { folder in
            var builder = RatingSetBuilder()
            builder.add(userID: "1", itemID: "2", value: 4)
            let set = builder.build(name: "x", titles: ["2": "Cérémonie, La (1995)"])
            try DatasetWriter.write(set, to: folder.url, format: .dat)
            let bytes = [UInt8](try Data(contentsOf: folder.url(for: "movies.dat")))
            #expect(bytes.contains(0xE9))  // é as one Latin-1 byte, as in ML-1M
            #expect(try DatasetLoader.load(folder: folder.url, name: "x").itemTitles == ["Cérémonie, La (1995)"])
        }
    }

    @Test func cleansTitlesAFormatCannotHold() {
        #expect(DatasetWriter.cleanTitle("A|B\tC", format: .udata) == "A/B C")
        #expect(DatasetWriter.cleanTitle("Ratio::1 Part:", format: .dat) == "Ratio: 1 Part: ")
        #expect(DatasetWriter.cleanTitle("Two\nLines, \"Q\"", format: .csv) == "Two\nLines, \"Q\"")
        #expect(DatasetWriter.csvField("Heat, The") == "\"Heat, The\"")
        #expect(DatasetWriter.csvField("Say \"Hi\"") == "\"Say \"\"Hi\"\"\"")
        #expect(DatasetWriter.csvField("Heat") == "Heat")
        #expect(DatasetWriter.valueText(4, format: .csv) == "4.0")
        #expect(DatasetWriter.valueText(4, format: .dat) == "4")
        #expect(DatasetWriter.valueText(3.5, format: .udata) == "3.5")
    }

    @Test func idHoldingTheSeparatorIsRefused() throws {
        try TemporaryDirectory.with { folder in
            var builder = RatingSetBuilder()
            builder.add(userID: "a,b", itemID: "2", value: 4)
            #expect(throws: DatasetError.invalidDataset(
                "cannot write user id 0 (\"a,b\") in csv format: empty, or holds a separator")) {
                try DatasetWriter.write(builder.build(name: "x"), to: folder.url, format: .csv)
            }
        }
    }
}
