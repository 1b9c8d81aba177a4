import Foundation
import MFAEFetch
import Testing

@Suite("The MovieLens catalogue and checksum files")
struct CatalogueTests {
    @Test func catalogueHasEverySetWithItsRowCount() {
        let counts = Dictionary(uniqueKeysWithValues: MovieLensRelease.grouplens.map { ($0.name, $0.ratings) })
        #expect(counts == ["ml-100k": 100_000, "ml-1m": 1_000_209, "ml-10m": 10_000_054, "ml-20m": 20_000_263,
                           "ml-25m": 25_000_095, "ml-32m": 32_000_204, "ml-latest-small": 100_836])
        for release in MovieLensRelease.grouplens {
            #expect(release.archiveName == release.name + ".zip")
            if let md5 = release.md5 { #expect(md5.count == 32 && md5.allSatisfy(\.isHexDigit)) }
            #expect(release.archiveURL(base: MovieLensRelease.groupLensBase).absoluteString
                == "https://files.grouplens.org/datasets/movielens/\(release.name).zip")
        }
        #expect(MovieLensRelease.named("ml-10m")?.archiveFolder == "ml-10M100K")
        #expect(MovieLensRelease.named("ml-latest-small")?.md5 == nil)
        #expect(DatasetFetcher.fetchableNames.first == "ml-100k")
    }

    @Test func mirrorReplacesTheBase() {
        let variable = MovieLensRelease.mirrorEnvironmentVariable
        #expect(MovieLensRelease.base(environment: [:]) == MovieLensRelease.groupLensBase)
        #expect(MovieLensRelease.base(environment: [variable: ""]) == MovieLensRelease.groupLensBase)
        #expect(MovieLensRelease.base(environment: [variable: "http://127.0.0.1:8000/ml"]).absoluteString
            == "http://127.0.0.1:8000/ml/")
    }

    @Test("both published layouts are read", arguments: [
        ("MD5 (ml-25m.zip) = 6b51fb2759a8657d3bfcbfc42b592ada\n", "6b51fb2759a8657d3bfcbfc42b592ada"),
        ("6B51FB2759A8657D3BFCBFC42B592ADA  ml-25m.zip\n", "6b51fb2759a8657d3bfcbfc42b592ada"),
        ("6b51fb2759a8657d3bfcbfc42b592ada\n", "6b51fb2759a8657d3bfcbfc42b592ada"),
    ])
    func publishedChecksum(text: String, digest: String) {
        #expect(PublishedChecksum.md5(in: text, for: "ml-25m.zip") == digest)
    }

    @Test func pageWithoutADigestGivesNone() {
        #expect(PublishedChecksum.md5(in: "<html><body>Not Found</body></html>", for: "ml-1m.zip") == nil)
        #expect(PublishedChecksum.md5(in: "0e33842e24a9c977be4e0107933c0723  ml-100k.zip\n", for: "ml-1m.zip") == nil)
    }
}
