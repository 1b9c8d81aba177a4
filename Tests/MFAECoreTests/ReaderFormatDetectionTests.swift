import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// Recognising a folder's format from its files.
@Suite struct ReaderFormatDetectionTests {
    @Test(arguments: [
        ("ml-100k.inter", MovieLensFormat.recbole), ("ml-1m.inter", .recbole), ("u.data", .udata),
        ("ratings.dat", .dat), ("ratings.csv", .csv),
    ])
    func detectsFormatFromRatingsFile(file: String, format: MovieLensFormat) throws {
        try TemporaryDirectory.with { folder in
            try folder.write("", to: file)
            try folder.write("", to: "README.txt")
            #expect(try MovieLensFormat.detect(in: folder.url) == format)
            #expect(MovieLensFormat.folderHasRatings(folder.url))
        }
    }

    @Test func folderWithoutRatingsFileSaysWhatWasLookedFor() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("", to: "movies.csv")
            let expected = DatasetError.unknownFormat(
                path: folder.url.path, reason: "found none of *.inter, u.data, ratings.dat, ratings.csv")
            #expect(throws: expected) { try MovieLensFormat.detect(in: folder.url) }
            #expect(throws: expected) { try DatasetLoader.load(folder: folder.url, name: "x") }
            #expect(!MovieLensFormat.folderHasRatings(folder.url))
        }
    }

    @Test func severalFormatsMustBeNamed() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1\t2\t3\t0\n", to: "u.data")
            try folder.write("userId,movieId,rating,timestamp\n1,2,3.5,0\n", to: "ratings.csv")
            #expect(throws: DatasetError.unknownFormat(
                path: folder.url.path,
                reason: "found ratings files of several formats (u.data, ratings.csv); name the format")) {
                try MovieLensFormat.detect(in: folder.url)
            }
            // Naming the format settles it.
            #expect(try DatasetLoader.load(folder: folder.url, format: .csv, name: "x").levels == [3.5])
        }
    }

    @Test func missingFolderOrFileIsUnreadable() throws {
        try TemporaryDirectory.with { folder in
            let missing = folder.url(for: "nowhere")
            #expect(throws: DatasetError.unreadable(file: missing.path, reason: "no such folder")) {
                try DatasetLoader.load(folder: missing, name: "x")
            }
            try folder.write("1\t2\t3\t0\n", to: "u.data")
            #expect(throws: DatasetError.unreadable(file: folder.url(for: "ratings.dat").path, reason: "no such file")) {
                try DatasetLoader.load(folder: folder.url, format: .dat, name: "x")
            }
        }
    }

    @Test func filesBesideEachOther() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("", to: "ml-1m.inter")
            try folder.write("", to: "ml-1m.item")
            let files = try MovieLensFormat.recbole.files(in: folder.url)
            #expect(files.ratings.lastPathComponent == "ml-1m.inter")
            #expect(files.items?.lastPathComponent == "ml-1m.item")
            #expect(MovieLensFormat.udata.itemsFileName(besideRatingsFile: "u.data") == "u.item")
        }
    }

    @Test func formatNamesParse() {
        #expect(MovieLensFormat(parsing: "u-data") == .udata)
        #expect(MovieLensFormat(parsing: "u_data") == .udata)
        #expect(MovieLensFormat(parsing: "dat") == .dat)
        #expect(MovieLensFormat(parsing: "tsv") == nil)
    }
}
