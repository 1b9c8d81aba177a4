import Foundation

/// The MovieLens releases GroupLens publishes, with the checksums and sizes looked up for each.
///
/// Checksums are the MD5 of the zip file as GroupLens publishes it in `<name>.zip.md5` beside the
/// zip. None is guessed: each was found quoted from those `.md5` files in public code that downloads
/// the sets (sources below). Row counts are from GroupLens's README of each set. At fetch time the
/// `.md5` file is fetched too and must agree with the value here; the row count is checked after
/// unpacking.
extension MovieLensRelease {
    /// Where GroupLens publishes the zips.
    public static let groupLensBase = URL(string: "https://files.grouplens.org/datasets/movielens/")
        ?? URL(fileURLWithPath: "/")

    /// The environment variable that replaces ``groupLensBase`` with a mirror holding the same files
    /// (`<mirror>/ml-1m.zip`, `<mirror>/ml-1m.zip.md5`); the checksums below still apply.
    public static let mirrorEnvironmentVariable = "MFAE_MOVIELENS_URL"

    /// ``groupLensBase``, or the mirror named by ``mirrorEnvironmentVariable`` when set and non-empty.
    public static func base(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        guard let text = environment[mirrorEnvironmentVariable], !text.isEmpty,
              let url = URL(string: text.hasSuffix("/") ? text : text + "/") else { return groupLensBase }
        return url
    }

    /// The sets `mfae-lab data fetch` knows, smallest first.
    public static let grouplens: [MovieLensRelease] = [
        // MD5 0e33842e…: eli-osherovich/papers_with_code datasets/movielens/dl_config.py ("100k"),
        // also asserted by a test that hashes ml-100k.zip; ratings: the ML-100K README (100,000).
        MovieLensRelease(name: "ml-100k", archiveName: "ml-100k.zip", archiveFolder: "ml-100k",
                         md5: "0e33842e24a9c977be4e0107933c0723",
                         md5Source: "ml-100k.zip.md5 as quoted in eli-osherovich/papers_with_code", ratings: 100_000),
        // MD5 c4d9eecf…: a script citing `curl -O …/ml-1m.zip.md5` ("MD5 (ml-1m.zip) = c4d9…"), the same
        // value in eli-osherovich/papers_with_code and in an audit "replayed on 2026-08-22" from the
        // sidecar; ratings: the ML-1M README ("1,000,209 anonymous ratings").
        MovieLensRelease(name: "ml-1m", archiveName: "ml-1m.zip", archiveFolder: "ml-1m",
                         md5: "c4d9eecfca2ab87c1945afe126590906",
                         md5Source: "GroupLens ml-1m.zip.md5 as quoted in public download scripts", ratings: 1_000_209),
        // MD5 ce571fd5…: an audit quoting the ml-10m.zip.md5 sidecar (accessed 2026-08-22) and
        // eli-osherovich/papers_with_code; ratings: the ML-10M README (10000054). Unpacks into ml-10M100K/.
        MovieLensRelease(name: "ml-10m", archiveName: "ml-10m.zip", archiveFolder: "ml-10M100K",
                         md5: "ce571fd55effeba0271552578f2648bd",
                         md5Source: "GroupLens ml-10m.zip.md5 as quoted in public download scripts", ratings: 10_000_054),
        // MD5 cd245b17…: a script citing `curl -O …/ml-20m.zip.md5`, eli-osherovich/papers_with_code and
        // datamaestro's MovieLens definition; ratings: the ML-20M README (20000263).
        MovieLensRelease(name: "ml-20m", archiveName: "ml-20m.zip", archiveFolder: "ml-20m",
                         md5: "cd245b17a1ae2cc31bb14903e1204af3",
                         md5Source: "GroupLens ml-20m.zip.md5 as quoted in public download scripts", ratings: 20_000_263),
        // MD5 6b51fb27…: a README showing `cat ml-25m.zip.md5` and a script citing `curl -O …/ml-25m.zip.md5`;
        // ratings: the ML-25M README (25000095).
        MovieLensRelease(name: "ml-25m", archiveName: "ml-25m.zip", archiveFolder: "ml-25m",
                         md5: "6b51fb2759a8657d3bfcbfc42b592ada",
                         md5Source: "GroupLens ml-25m.zip.md5 as quoted in public download scripts", ratings: 25_000_095),
        // MD5 d472be33…: a script commented "Official checksum from …/ml-32m.zip.md5", a log recording that
        // it matched GroupLens's, and pooch `known_hash` entries; ratings: the ML-32M README (32000204).
        MovieLensRelease(name: "ml-32m", archiveName: "ml-32m.zip", archiveFolder: "ml-32m",
                         md5: "d472be332d4daa821edc399621853b57",
                         md5Source: "GroupLens ml-32m.zip.md5 as quoted in public download scripts", ratings: 32_000_204),
        // MD5 unknown: no public copy of ml-latest-small.zip.md5's value was found, so the file is checked
        // against the `.md5` fetched beside it at run time only (and its row count). GroupLens calls this a
        // development set that "may change over time"; ratings: its README of the 2018-09-26 release (100836).
        MovieLensRelease(name: "ml-latest-small", archiveName: "ml-latest-small.zip", archiveFolder: "ml-latest-small",
                         md5: nil, md5Source: "no pinned value (none found); the published .md5 only",
                         ratings: 100_836),
    ]

    /// The release called `name` in ``grouplens``.
    public static func named(_ name: String) -> MovieLensRelease? {
        grouplens.first { $0.name == name }
    }
}
