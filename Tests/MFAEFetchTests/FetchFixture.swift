import Foundation
import MFAEFetch
import MFAETestSupport
import ZIPFoundation

/// A small MovieLens-like release built by the test: `ml-test.zip` unpacking into `ml-Test100/`
/// (a folder named unlike the set, as ML-10M's `ml-10M100K/`), with `ratings.dat` and `movies.dat`
/// in the ML-1M layout, and the `ml-test.zip.md5` GroupLens would publish beside it.
struct FetchFixture {
    /// Ratings in the fixture.
    static let ratings = 3_000
    /// The folder served over HTTP: the zip and its `.md5`.
    let served: URL
    /// The data directory the fetcher writes into.
    let data: URL
    /// The zip's real MD5.
    let md5: String
    /// The zip's size in bytes.
    let size: Int

    /// Builds the files under `folder`.
    init(in folder: TemporaryDirectory) throws {
        var ratings = ""
        for row in 0 ..< Self.ratings {
            // 300 users × 10 distinct items each, deterministic ratings and timestamps.
            let user = row / 10 + 1, item = (row * 7 + user * 13) % 400 + 1
            ratings += "\(user)::\(item)::\((row * 31 + user) % 5 + 1)::\(978_300_000 + row * 97)\n"
        }
        var movies = ""
        for item in 1 ... 400 { movies += "\(item)::Film \(item) (19\(50 + item % 50))::Drama\n" }
        try folder.write(ratings, to: "build/ml-Test100/ratings.dat")
        try folder.write(movies, to: "build/ml-Test100/movies.dat")
        served = try folder.makeFolder("served")
        data = folder.url(for: "data")
        let zip = served.appendingPathComponent("ml-test.zip")
        try FileManager.default.zipItem(at: folder.url(for: "build/ml-Test100"), to: zip)
        md5 = try FileDigest.md5(of: zip)
        size = try Data(contentsOf: zip).count
        try Data("\(md5)  ml-test.zip\n".utf8).write(to: served.appendingPathComponent("ml-test.zip.md5"))
    }

    /// The test release, with the zip's real MD5 pinned (tests change ``MovieLensRelease/md5`` to lie).
    var release: MovieLensRelease {
        MovieLensRelease(name: "ml-test", archiveName: "ml-test.zip", archiveFolder: "ml-Test100",
                         md5: md5, md5Source: "the test's own zip", ratings: Self.ratings)
    }

    /// A fetcher of `release` from `server`, with a short idle timeout.
    func fetcher(_ release: MovieLensRelease, base: URL, timeout: TimeInterval = 10,
                 progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) -> DatasetFetcher {
        DatasetFetcher(releases: [release], base: base, downloader: HTTPDownloader(idleTimeout: timeout),
                       progress: progress)
    }

    /// The entries of the data directory (hidden ones included), sorted; empty when it does not exist.
    var dataEntries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? []).sorted()
    }
}
