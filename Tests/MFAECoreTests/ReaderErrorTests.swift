import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// Bad data gives the exact ``DatasetError`` with the file and 1-based line; nothing is skipped.
@Suite struct ReaderErrorTests {
    /// A bad ratings file and the error it must give; `%` is replaced by the file's path.
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var contents: String
        var line: Int
        var reason: String
        var testDescription: String { "\(file) line \(line): \(reason)" }
    }

    static let cases: [Case] = [
        Case(file: "u.data", contents: "1\t2\t3\t0\n1\t2\t3\n", line: 2,
             reason: "expected 4 fields separated by tab, found 3"),
        Case(file: "u.data", contents: "1\t2\t3\t0\t9\n", line: 1, reason: "expected 4 fields separated by tab, found 5"),
        Case(file: "ratings.dat", contents: "1::2::5::0\n\n1::2:5::0\n", line: 3,
             reason: "expected 4 fields separated by \"::\", found 3"),
        Case(file: "ratings.csv", contents: "userId,movieId,rating,timestamp\n1,2,3.5,0,7\n", line: 2,
             reason: "expected 4 fields separated by \",\", found 5"),
        Case(file: "ml-100k.inter", contents: "user_id:token\titem_id:token\trating:float\n1\t2\n", line: 2,
             reason: "expected 3 fields separated by tab, found 2"),
        Case(file: "u.data", contents: "1\t2\tfive\t0\n", line: 1, reason: "rating \"five\" is not a number"),
        Case(file: "ratings.csv", contents: "userId,movieId,rating,timestamp\n1,2,4.0,0\n1,3,,0\n", line: 3,
             reason: "rating \"\" is not a number"),
        Case(file: "ratings.dat", contents: "1::2::inf::0\n", line: 1, reason: "rating \"inf\" is not finite"),
        Case(file: "ratings.csv", contents: "userId,movieId,rating,timestamp\n1,2,nan,0\n", line: 2,
             reason: "rating \"nan\" is not finite"),
        Case(file: "u.data", contents: "\t2\t3\t0\n", line: 1, reason: "empty user id"),
        Case(file: "ratings.dat", contents: "1::::3::0\n", line: 1, reason: "empty item id"),
        Case(file: "ratings.csv", contents: "userId,rating,timestamp\n1,3,0\n", line: 1,
             reason: "header has no movieId or item_id column (found: userId, rating, timestamp)"),
        Case(file: "ratings.csv", contents: "1,2,3.0,0\n", line: 1,
             reason: "header has no userId or user_id column (found: 1, 2, 3.0, 0)"),
        Case(file: "ratings.csv", contents: "userId,movieId,rating,timestamp\n\"1,2,3.0,0\n", line: 2,
             reason: "unbalanced double quotes"),
    ]

    @Test(arguments: cases)
    func malformedLine(_ bad: Case) throws {
        try TemporaryDirectory.with { folder in
            let file = try folder.write(bad.contents, to: bad.file)
            #expect(throws: DatasetError.malformedLine(file: file.path, line: bad.line, reason: bad.reason)) {
                try DatasetLoader.load(folder: folder.url, name: "bad")
            }
        }
    }

    @Test(arguments: [
        ("u.data", ""), ("ratings.dat", "\n\n"), ("ratings.csv", "userId,movieId,rating,timestamp\n"),
        ("ratings.csv", ""), ("x.inter", "user_id:token\titem_id:token\trating:float\n"),
    ])
    func fileWithoutRatingsIsEmpty(name: String, contents: String) throws {
        try TemporaryDirectory.with { folder in
            let file = try folder.write(contents, to: name)
            #expect(throws: DatasetError.emptyFile(file: file.path)) {
                try DatasetLoader.load(folder: folder.url, name: "empty")
            }
        }
    }

    @Test func unreadableRatingsFile() throws {
        // A folder where the ratings file should be: it is listed, but cannot be read as a file.
        try TemporaryDirectory.with { folder in
            let ratings = try folder.makeFolder("ratings.csv")
            #expect(throws: DatasetError.unreadable(file: ratings.path, reason: "is a folder, not a file")) {
                try DatasetLoader.load(folder: folder.url, format: .csv, name: "bad")
            }
        }
    }

    @Test func malformedItemsLine() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1::2::5::0\n", to: "ratings.dat")
            let movies = try folder.write("2::Heat (1995)::Action\n3::No genres\n", to: "movies.dat")
            #expect(throws: DatasetError.malformedLine(file: movies.path, line: 2,
                                                       reason: "expected 3 fields separated by \"::\", found 2")) {
                try DatasetLoader.load(folder: folder.url, name: "bad")
            }
        }
    }

    @Test func errorDescriptionNamesFileAndLine() {
        let error = DatasetError.malformedLine(file: "/d/u.data", line: 7, reason: "rating \"x\" is not a number")
        #expect(error.description == "/d/u.data:7: rating \"x\" is not a number")
    }
}
