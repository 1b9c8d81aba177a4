import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// RecBole atomic files (`<name>.inter`, `<name>.item`), laid out as in RecBole 1.2.1's ml-100k.
@Suite struct ReaderRecBoleTests {
    static let inter = """
        user_id:token\titem_id:token\trating:float\ttimestamp:float
        196\t242\t3\t881250949
        186\t302\t3\t891717742
        22\t377\t1\t878887116
        196\t51\t2\t880606923

        """
    static let item = """
        item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq
        242\tKolya\t1996\tComedy
        302\tL.A. Confidential\t1997\tCrime Film-Noir Mystery Thriller
        377\tMisérables, Les\t1995\tDrama Musical

        """

    @Test func readsRatingsAndTitles() throws {
        try TemporaryDirectory.with { folder in
            try folder.write(Self.inter, to: "ml-100k.inter")
            try folder.write(Self.item, to: "ml-100k.item")
            let set = try DatasetLoader.load(folder: folder.url, format: .recbole, name: "ml-100k")
            #expect(set.name == "ml-100k")
            #expect(set.userIDs == ["196", "186", "22"])
            #expect(set.itemIDs == ["242", "302", "377", "51"])
            // UTF-8 title; item 51 has no line in the items file, so its title is its id.
            #expect(set.itemTitles == ["Kolya", "L.A. Confidential", "Misérables, Les", "51"])
            #expect(set.levels == [1, 2, 3])
            #expect(set.count == 4)
            // User 196's two ratings form its row, in file order.
            #expect(Array(set.ratings.items[set.ratings.range(ofRow: 0)]) == [0, 3])
            #expect(Array(set.ratings.values[set.ratings.range(ofRow: 0)]) == [3, 2])
            #expect(set.noiseFloorMSE == nil)
        }
    }

    @Test func findsColumnsByHeaderName() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("""
                timestamp:float\trating:float\titem_id:token\tuser_id:token
                881250949\t4.5\t10\t7
                881250950\t2\t11\t7

                """, to: "other.inter")
            try folder.write("movie_title:token_seq\titem_id:token\nTen\t10\n", to: "other.item")
            let set = try DatasetLoader.load(folder: folder.url, name: "other")
            #expect(set.userIDs == ["7"])
            #expect(set.itemIDs == ["10", "11"])
            #expect(set.levels == [2, 4.5])
            #expect(set.itemTitles == ["Ten", "11"])
        }
    }

    @Test func keepsNonNumericTokens() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("user_id:token\titem_id:token\trating:float\nalice\tm01\t5\nbob\tm01\t4\nalice\t01\t3\n",
                             to: "tokens.inter")
            let set = try DatasetLoader.load(folder: folder.url, name: "tokens")
            #expect(set.userIDs == ["alice", "bob"])
            // "m01" and "01" are different tokens; "01" is not the number 1.
            #expect(set.itemIDs == ["m01", "01"])
        }
    }

    @Test func missingRatingColumnIsAnError() throws {
        try TemporaryDirectory.with { folder in
            let file = try folder.write("user_id:token\titem_id:token\tscore:float\n1\t2\t3\n", to: "x.inter")
            #expect(throws: DatasetError.malformedLine(
                file: file.path, line: 1, reason: "header has no rating column (found: user_id, item_id, score)")) {
                try DatasetLoader.load(folder: folder.url, name: "x")
            }
        }
    }

    @Test func itemsFileWithoutTitleColumnIsAnError() throws {
        try TemporaryDirectory.with { folder in
            try folder.write(Self.inter, to: "ml-100k.inter")
            let items = try folder.write("item_id:token\tclass:token_seq\n242\tComedy\n", to: "ml-100k.item")
            #expect(throws: DatasetError.malformedLine(
                file: items.path, line: 1, reason: "header has no movie_title column (found: item_id, class)")) {
                try DatasetLoader.load(folder: folder.url, name: "ml-100k")
            }
        }
    }
}
