import Foundation
import MFAECore
import MFAEFetch
import MFAETestSupport
import Testing

/// The fetcher against a real HTTP server on 127.0.0.1 (no test reaches outside the machine).
@Suite("Fetching from a local server", .serialized)
struct DatasetFetcherTests {
    @Test func fetchesVerifiesUnpacksAndRecordsProvenance() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            let reports = Reports()
            var log: [String] = []
            let target = try fixture.fetcher(fixture.release, base: server.base, progress: { reports.add($0) })
                .fetch("ml-test", into: fixture.data) { log.append($0) }

            #expect(target == fixture.data.appendingPathComponent("ml-test", isDirectory: true))
            // Only the verified folder is left: no .part, no staging folder, no zip.
            #expect(fixture.dataEntries == ["ml-test"])
            let files = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
            #expect(files == ["FETCHED", "SHA256SUMS", "movies.dat", "ratings.dat"])
            let set = try DatasetLoader.load(folder: target, name: "ml-test")
            #expect(set.count == FetchFixture.ratings)
            let provenance = try String(contentsOf: target.appendingPathComponent("FETCHED"), encoding: .utf8)
            #expect(provenance.contains("md5: \(fixture.md5)"))
            #expect(provenance.contains("fingerprint: \(set.fingerprint)"))
            #expect(provenance.contains("url: \(server.base.absoluteString)ml-test.zip"))
            let sums = try String(contentsOf: target.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
            #expect(sums.contains("\(try FileDigest.sha256(of: target.appendingPathComponent("ratings.dat")))  ratings.dat"))
            #expect(log.contains { $0.contains("MD5 \(fixture.md5) matches ml-test.zip.md5 as published") })
            #expect(server.requests == ["GET /ml-test.zip.md5 range=-", "GET /ml-test.zip range=-"])
            #expect(reports.last?.isFinished == true && reports.last?.bytes == Int64(fixture.size))
            #expect(reports.last?.total == Int64(fixture.size))

            // A second fetch finds it and downloads nothing.
            var again: [String] = []
            try fixture.fetcher(fixture.release, base: server.base).fetch("ml-test", into: fixture.data) { again.append($0) }
            #expect(again == ["ml-test is already in \(target.path)"])
            #expect(server.requests.count == 2)
        }
    }

    @Test func wrongChecksumIsRefusedAndLeavesNothing() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            // GroupLens's .md5 and the catalogue agree with each other, not with the zip served.
            let wrong = String(repeating: "0", count: 32)
            try Data("MD5 (ml-test.zip) = \(wrong)\n".utf8).write(to: fixture.served.appendingPathComponent("ml-test.zip.md5"))
            var release = fixture.release
            release.md5 = wrong
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            #expect(throws: FetchError.checksumMismatch(
                file: "ml-test.zip", algorithm: "MD5", expected: wrong, actual: fixture.md5,
                source: "ml-test.zip.md5 as published, and as known to this tool")) {
                try fixture.fetcher(release, base: server.base).fetch("ml-test", into: fixture.data) { _ in }
            }
            #expect(fixture.dataEntries.isEmpty)
        }
    }

    @Test func publishedChecksumThatDisagreesWithTheCatalogueStopsBeforeDownloading() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            var release = fixture.release
            release.md5 = String(repeating: "a", count: 32)
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            #expect(throws: FetchError.conflictingChecksums(url: "\(server.base.absoluteString)ml-test.zip.md5",
                                                            pinned: release.md5 ?? "", published: fixture.md5)) {
                try fixture.fetcher(release, base: server.base).fetch("ml-test", into: fixture.data) { _ in }
            }
            #expect(server.requests == ["GET /ml-test.zip.md5 range=-"])
            #expect(fixture.dataEntries.isEmpty)
        }
    }

    @Test func truncatedTransferIsResumedWithARangeRequest() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let server = try LocalHTTPServer(root: fixture.served, behaviour: .truncateFirst(bytes: 1_000))
            defer { server.stop() }
            var log: [String] = []
            try fixture.fetcher(fixture.release, base: server.base).fetch("ml-test", into: fixture.data) { log.append($0) }
            #expect(server.requests.contains("GET /ml-test.zip range=-"))
            #expect(server.requests.contains("GET /ml-test.zip range=bytes=1000-"))
            #expect(log.contains("resuming ml-test.zip at 1000 bytes"))
            #expect(fixture.dataEntries == ["ml-test"])
            #expect(try DatasetLoader.load(folder: fixture.data.appendingPathComponent("ml-test"), name: "t").count
                == FetchFixture.ratings)
        }
    }

    @Test func partFileLeftByAnEarlierRunIsResumed() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let zip = try Data(contentsOf: fixture.served.appendingPathComponent("ml-test.zip"))
            try FileManager.default.createDirectory(at: fixture.data, withIntermediateDirectories: true)
            try zip.prefix(1_234).write(to: fixture.data.appendingPathComponent("ml-test.zip.part"))
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            var log: [String] = []
            try fixture.fetcher(fixture.release, base: server.base).fetch("ml-test", into: fixture.data) { log.append($0) }
            #expect(server.requests == ["GET /ml-test.zip.md5 range=-", "GET /ml-test.zip range=bytes=1234-"])
            #expect(log.contains("resuming ml-test.zip at 1234 bytes"))
            #expect(fixture.dataEntries == ["ml-test"])
        }
    }

    @Test func missingFileIsA404NamingTheURL() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            try FileManager.default.removeItem(at: fixture.served.appendingPathComponent("ml-test.zip"))
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            let url = "\(server.base.absoluteString)ml-test.zip"
            #expect(throws: FetchError.httpStatus(url: url, status: 404)) {
                try fixture.fetcher(fixture.release, base: server.base).fetch("ml-test", into: fixture.data) { _ in }
            }
            #expect(FetchError.httpStatus(url: url, status: 404).description.contains(url))
            #expect(fixture.dataEntries.isEmpty)
        }
    }

    @Test func silentServerTimesOut() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let server = try LocalHTTPServer(root: fixture.served, behaviour: .hang)
            defer { server.stop() }
            // The checksum file times out (it is optional when the catalogue pins the MD5), then the zip.
            var log: [String] = []
            #expect(throws: FetchError.timedOut(url: "\(server.base.absoluteString)ml-test.zip", seconds: 1.5)) {
                try fixture.fetcher(fixture.release, base: server.base, timeout: 1.5)
                    .fetch("ml-test", into: fixture.data) { log.append($0) }
            }
            #expect(log.contains { $0.hasPrefix("cannot read the published checksum: \(server.base.absoluteString)ml-test.zip.md5: no answer for 1.5 s") })
            #expect(!FileManager.default.fileExists(atPath: fixture.data.appendingPathComponent("ml-test").path))
        }
    }

    @Test func aSlowButSteadyTransferOutlastsTheIdleTimeout() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            // Each file arrives in four pieces 0.6 s apart: 2.4 s in all, never 2 s without a byte.
            let server = try LocalHTTPServer(root: fixture.served, behaviour: .trickle(seconds: 0.6))
            defer { server.stop() }
            try fixture.fetcher(fixture.release, base: server.base, timeout: 2).fetch("ml-test", into: fixture.data) { _ in }
            #expect(fixture.dataEntries == ["ml-test"])
        }
    }

    @Test func unreachableServerSaysWhatToDo() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let closed = try LocalHTTPServer(root: fixture.served)
            closed.stop()  // nothing listens on its port any more
            let base = closed.base
            do {
                try fixture.fetcher(fixture.release, base: base).fetch("ml-test", into: fixture.data) { _ in }
                Issue.record("fetched from a closed port")
            } catch let error as FetchError {
                guard case let .unreachable(url, _, advice) = error else {
                    Issue.record("unexpected \(error)"); return
                }
                #expect(url == "\(base.absoluteString)ml-test.zip.md5")
                #expect(advice.contains("\(base.absoluteString)ml-test.zip"))
                #expect(advice.contains("rename ml-Test100/ to ml-test/"))
                #expect(advice.contains(MovieLensRelease.mirrorEnvironmentVariable))
            }
            #expect(!FileManager.default.fileExists(atPath: fixture.data.appendingPathComponent("ml-test").path))
        }
    }

    @Test func withoutAnyChecksumOnlyTheRowCountIsChecked() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            try FileManager.default.removeItem(at: fixture.served.appendingPathComponent("ml-test.zip.md5"))
            var release = fixture.release
            release.md5 = nil
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            var log: [String] = []
            let target = try fixture.fetcher(release, base: server.base).fetch("ml-test", into: fixture.data) { log.append($0) }
            #expect(log.contains("no MD5 known for ml-test.zip: checking the ratings count only"))
            let provenance = try String(contentsOf: target.appendingPathComponent("FETCHED"), encoding: .utf8)
            #expect(provenance.contains("checked: the ratings count only (no MD5 known)"))
        }
    }

    @Test func wrongRowCountIsRefusedAndLeavesOnlyNothing() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            var release = fixture.release
            release.ratings = FetchFixture.ratings + 1
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            #expect(throws: FetchError.wrongRatingCount(name: "ml-test", expected: FetchFixture.ratings + 1,
                                                        found: FetchFixture.ratings)) {
                try fixture.fetcher(release, base: server.base).fetch("ml-test", into: fixture.data) { _ in }
            }
            // The verified zip stays as a .part (its MD5 matched), the unpacked files do not.
            #expect(fixture.dataEntries == ["ml-test.zip.part"])
        }
    }

    @Test func aMissingNamedSetIsFetchedOnFirstUse() throws {
        try TemporaryDirectory.with { folder in
            let fixture = try FetchFixture(in: folder)
            let server = try LocalHTTPServer(root: fixture.served)
            defer { server.stop() }
            var log: [String] = []
            let set = try DatasetSource.named("ml-test").loadFetchingIfMissing(
                dataDirectory: fixture.data, fetcher: fixture.fetcher(fixture.release, base: server.base)) { log.append($0) }
            #expect(set.count == FetchFixture.ratings && set.name == "ml-test")
            #expect(log.first == "ml-test is not in \(fixture.data.appendingPathComponent("ml-test").path): fetching it")
            #expect(throws: DatasetError.self) {
                try DatasetSource.named("ml-7m").loadFetchingIfMissing(
                    dataDirectory: fixture.data, fetcher: fixture.fetcher(fixture.release, base: server.base)) { _ in }
            }
        }
    }
}

/// Collects progress reports from the transfer's thread.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [DownloadProgress] = []

    func add(_ report: DownloadProgress) { lock.withLock { reports.append(report) } }
    var last: DownloadProgress? { lock.withLock { reports.last } }
}
