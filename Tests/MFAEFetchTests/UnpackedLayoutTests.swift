import Foundation
import MFAECore
import MFAEFetch
import MFAETestSupport
import Testing

/// Each release's folder as its zip unpacks it (file names from GroupLens's READMEs and unzip
/// listings; one rating each), found and read by the format detection under the set's name.
@Suite("Unpacked GroupLens layouts")
struct UnpackedLayoutTests {
    static let dat = "1::1193::5::978300760\n"
    static let csv = "userId,movieId,rating,timestamp\n1,296,5.0,1147880044\n"
    static let items: [MovieLensFormat: String] = [
        .udata: "242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
        .dat: "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n",
        .csv: "movieId,title,genres\n296,Pulp Fiction (1994),Comedy|Crime|Drama|Thriller\n",
    ]
    static let layouts: [(name: String, files: [String], ratings: String, format: MovieLensFormat)] = [
        ("ml-100k", ["u.data", "u.item", "u.user", "u.genre", "u.info", "u.occupation", "u1.base", "u1.test",
                     "ua.base", "ua.test", "allbut.pl", "mku.sh", "README"], "196\t242\t3\t881250949\n", .udata),
        ("ml-1m", ["ratings.dat", "movies.dat", "users.dat", "README"], dat, .dat),
        ("ml-10m", ["ratings.dat", "movies.dat", "tags.dat", "allbut.pl", "split_ratings.sh", "README.html"], dat, .dat),
        ("ml-20m", ["ratings.csv", "movies.csv", "tags.csv", "links.csv", "genome-scores.csv", "genome-tags.csv",
                    "README.txt"], csv, .csv),
        ("ml-25m", ["ratings.csv", "movies.csv", "tags.csv", "links.csv", "genome-scores.csv", "genome-tags.csv",
                    "README.txt"], csv, .csv),
        ("ml-32m", ["ratings.csv", "movies.csv", "tags.csv", "links.csv", "checksums.txt", "README.txt"], csv, .csv),
        ("ml-latest-small", ["ratings.csv", "movies.csv", "tags.csv", "links.csv", "README.txt"], csv, .csv),
    ]

    @Test("each layout is detected", arguments: layouts.map(\.name))
    func layoutIsDetected(name: String) throws {
        let layout = try #require(Self.layouts.first { $0.name == name })
        let release = try #require(MovieLensRelease.named(name))
        try TemporaryDirectory.with { folder in
            let ratingsFile = try #require(layout.format.ratingsFileName)
            let itemsFile = layout.format.itemsFileName(besideRatingsFile: ratingsFile)
            for file in layout.files {
                let text = file == ratingsFile ? layout.ratings : file == itemsFile ? Self.items[layout.format] ?? "" : ""
                try folder.write(text, to: "\(release.archiveFolder)/\(file)")
            }
            let unpacked = folder.url(for: release.archiveFolder)
            #expect(try MovieLensFormat.detect(in: unpacked) == layout.format)
            #expect(MovieLensFormat.folderHasRatings(unpacked))
            #expect(try DatasetLoader.load(folder: unpacked, format: nil, name: name).count == 1)
        }
    }
}
