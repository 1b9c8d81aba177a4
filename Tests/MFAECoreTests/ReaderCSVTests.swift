import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// ML-latest/20M/25M/32M: `ratings.csv` and `movies.csv` with headers, quotes and half stars.
@Suite struct ReaderCSVTests {
    @Test func readsQuotedTitles() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("userId,movieId,rating,timestamp\n1,6,4.0,0\n1,11,3.5,0\n2,6,5.0,0\n2,42,1.0,0\n",
                             to: "ratings.csv")
            try folder.write("""
                movieId,title,genres
                6,Heat (1995),Action|Crime|Thriller
                11,"American President, The (1995)",Comedy|Drama|Romance
                42,"Dead Man's ""Curse"", A (2001)",Horror
                99,"Two
                Lines (2000)",Drama

                """, to: "movies.csv")
            let set = try DatasetLoader.load(folder: folder.url, name: "ml-latest-small")
            #expect(set.itemIDs == ["6", "11", "42"])
            #expect(set.itemTitles == ["Heat (1995)", "American President, The (1995)", "Dead Man's \"Curse\", A (2001)"])
        }
    }

    @Test func quotedTitleWithLineBreakKeepsLineNumbers() throws {
        // The record after a quoted line break is reported on its own line (5), not the record count.
        try TemporaryDirectory.with { folder in
            try folder.write("userId,movieId,rating,timestamp\n1,6,4.0,0\n", to: "ratings.csv")
            let movies = try folder.write("movieId,title,genres\n6,Heat (1995),Action\n7,\"Two\nLines\",Drama\n8,Bad\n",
                                          to: "movies.csv")
            #expect(throws: DatasetError.malformedLine(file: movies.path, line: 5,
                                                       reason: "expected 3 fields separated by \",\", found 2")) {
                try DatasetLoader.load(folder: folder.url, name: "x")
            }
        }
    }

    @Test func halfStarsGiveTenLevelsAndDistinctCodes() throws {
        try TemporaryDirectory.with { folder in
            let values = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"]
            var text = "userId,movieId,rating,timestamp\n"
            for (user, value) in values.enumerated() { text += "\(user + 1),7,\(value),1147880044\n" }
            text += "1,8,3.0,0\n1,8,3.5,0\n"
            try folder.write(text, to: "ratings.csv")
            let set = try DatasetLoader.load(folder: folder.url, name: "half")
            #expect(set.levelCount == 10)
            #expect(set.levels == [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
            #expect(set.codeCount == 20)
            // User 1 rated item 7 (index 0) 0.5, then item 8 (index 1) 3.0 and 3.5.
            let row = set.ratings.range(ofRow: 0)
            let expectedCodes: [Int32] = [0, 15, 16]  // item × 10 + level: 0×10+0, 1×10+5, 1×10+6
            #expect(Array(set.ratings.codes[row]) == expectedCodes)
            let three = CodeIndex(item: ItemIndex(1), level: set.level(of: 3.0) ?? -1, levelCount: 10)
            let threeAndAHalf = CodeIndex(item: ItemIndex(1), level: set.level(of: 3.5) ?? -1, levelCount: 10)
            #expect(three != threeAndAHalf)
            #expect(three.rawValue == 15 && threeAndAHalf.rawValue == 16)
        }
    }

    @Test func skipsByteOrderMarkAndFindsColumnsByName() throws {
        try TemporaryDirectory.with { folder in
            try folder.write(bytes: [0xEF, 0xBB, 0xBF] + Array("timestamp,rating,movieId,userId\n0,2.5,3,4\n".utf8),
                             to: "ratings.csv")
            let set = try DatasetLoader.load(folder: folder.url, name: "bom")
            #expect(set.userIDs == ["4"])
            #expect(set.itemIDs == ["3"])
            #expect(set.levels == [2.5])
        }
    }

    @Test func unbalancedQuoteInTitleIsAnError() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("userId,movieId,rating,timestamp\n1,6,4.0,0\n", to: "ratings.csv")
            let movies = try folder.write("movieId,title,genres\n6,\"Heat\" (1995),Action\n", to: "movies.csv")
            #expect(throws: DatasetError.malformedLine(file: movies.path, line: 2, reason: "unbalanced double quotes")) {
                try DatasetLoader.load(folder: folder.url, name: "x")
            }
        }
    }
}
