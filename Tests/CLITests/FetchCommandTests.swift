import Foundation
import MFAEProcess
import MFAETestSupport
import Testing

/// `mfae-lab data fetch` end to end, against a mirror on 127.0.0.1 (`$MFAE_MOVIELENS_URL`): the real
/// catalogue's checksums apply, and nothing leaves the machine.
@Suite("data fetch", .serialized)
struct FetchCommandTests {
    @Test func withoutNetworkTheErrorNamesTheURLAndWhatToDo() throws {
        try TemporaryDirectory.with { folder in
            let closed = try LocalHTTPServer(root: folder.url)
            closed.stop()  // nothing listens on its port any more
            let mirror = closed.base.absoluteString
            let result = try CLIProcess.run(["data", "fetch", "ml-10m", "--data-dir", "data"], in: folder.url,
                                            environment: ["MFAE_MOVIELENS_URL": mirror])
            #expect(result.status == 1)
            #expect(result.stderr.contains("Error: cannot reach \(mirror)ml-10m.zip.md5"))
            #expect(result.stderr.contains("Download \(mirror)ml-10m.zip on a machine with internet access"))
            #expect(result.stderr.contains("rename ml-10M100K/ to ml-10m/"))
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.url(for: "data").path)) ?? []).isEmpty)
        }
    }

    @Test func aMirrorWhoseChecksumDisagreesIsRefused() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("not a zip", to: "mirror/ml-1m.zip")
            try folder.write("MD5 (ml-1m.zip) = \(String(repeating: "b", count: 32))\n", to: "mirror/ml-1m.zip.md5")
            let server = try LocalHTTPServer(root: folder.url(for: "mirror"))
            defer { server.stop() }
            let result = try CLIProcess.run(["data", "fetch", "ml-1m", "--data-dir", "data"], in: folder.url,
                                            environment: ["MFAE_MOVIELENS_URL": server.base.absoluteString])
            #expect(result.status == 1)
            #expect(result.stderr.contains("but this tool knows the file as c4d9eecfca2ab87c1945afe126590906"))
            #expect(server.requests == ["GET /ml-1m.zip.md5 range=-"])
        }
    }

    @Test func aMissingNamedSetIsFetchedOnFirstUseAndSaysSo() throws {
        try TemporaryDirectory.with { folder in
            let closed = try LocalHTTPServer(root: folder.url)
            closed.stop()
            let result = try CLIProcess.run(["data", "info", "ml-1m", "--data-dir", "data"], in: folder.url,
                                            environment: ["MFAE_MOVIELENS_URL": closed.base.absoluteString])
            #expect(result.status == 1)
            #expect(result.stderr.contains("ml-1m is not in \(folder.url(for: "data/ml-1m").path): fetching it"))
            #expect(result.stderr.contains("cannot reach \(closed.base.absoluteString)ml-1m.zip.md5"))
        }
    }

    @Test func unknownNameListsTheFetchableSets() throws {
        try TemporaryDirectory.with { folder in
            let result = try CLIProcess.run(["data", "fetch", "ml-7m", "--data-dir", "data"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains(
                "cannot fetch \"ml-7m\": the data sets that can be fetched are ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m, ml-latest-small"))
            let source = try CLIProcess.run(["data", "fetch", "ml-1m", "--source", "recbole"], in: folder.url)
            #expect(source.status == 1 && source.stderr.contains("only ml-100k comes from RecBole"))
        }
    }
}

/// A whole fetch through the CLI: `ml-latest-small` (the one set without a pinned MD5) from a mirror
/// serving a synthetic zip with its real row count, 100,836 ratings.
@Suite("data fetch from a mirror", .serialized)
struct FetchFromMirrorTests {
    /// Writes `mirror/ml-latest-small.zip` (and its `.md5` when asked) holding `ml-latest-small/ratings.csv`.
    private func makeMirror(in folder: TemporaryDirectory, withChecksum: Bool) throws {
        let synth = try CLIProcess.run(["data", "synth", "--out", "build/ml-latest-small", "--format", "csv",
                                        "--users", "610", "--items", "900", "--ratings", "100836"], in: folder.url)
        #expect(synth.status == 0, "\(synth.stderr)")
        _ = try folder.makeFolder("mirror")
        try run(["python3", "-m", "zipfile", "-c", "../mirror/ml-latest-small.zip", "ml-latest-small"],
                in: folder.url(for: "build"))
        if withChecksum {
            let sum = try run(["md5sum", "ml-latest-small.zip"], in: folder.url(for: "mirror"))
            try folder.write(sum, to: "mirror/ml-latest-small.zip.md5")
        }
    }

    /// Runs a program and returns what it printed.
    private func run(_ arguments: [String], in directory: URL) throws -> String {
        let result = try ChildProcess.run(executable: "/usr/bin/env", arguments: arguments, in: directory)
        #expect(result.succeeded, "\(arguments) failed: \(result.stderr)")
        return result.stdout
    }

    @Test func fetchesCheckingThePublishedChecksumAndTheRowCount() throws {
        try TemporaryDirectory.with { folder in
            try makeMirror(in: folder, withChecksum: true)
            let server = try LocalHTTPServer(root: folder.url(for: "mirror"))
            defer { server.stop() }
            let result = try CLIProcess.run(["data", "fetch", "ml-latest-small", "--data-dir", "data"], in: folder.url,
                                            environment: ["MFAE_MOVIELENS_URL": server.base.absoluteString])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("matches ml-latest-small.zip.md5 as published (no value known to this tool)"))
            #expect(result.stdout.contains("ml-latest-small: 610 users, "))
            #expect(result.stdout.contains(", 100836 ratings"))
            #expect(result.stdout.contains("fingerprint "))
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.url(for: "data").path)
            #expect(files == ["ml-latest-small"])
            // Now present: a spec or a command naming it reads it without fetching.
            let info = try CLIProcess.run(["data", "info", "ml-latest-small", "--data-dir", "data"], in: folder.url,
                                          environment: ["MFAE_MOVIELENS_URL": server.base.absoluteString])
            #expect(info.status == 0 && !info.stderr.contains("fetching"))
            #expect(server.requests.count == 2)
        }
    }

    @Test func withoutAPublishedChecksumOnlyTheRowCountIsCheckedAndSaid() throws {
        try TemporaryDirectory.with { folder in
            try makeMirror(in: folder, withChecksum: false)
            let server = try LocalHTTPServer(root: folder.url(for: "mirror"))
            defer { server.stop() }
            let result = try CLIProcess.run(["data", "fetch", "ml-latest-small", "--data-dir", "data"], in: folder.url,
                                            environment: ["MFAE_MOVIELENS_URL": server.base.absoluteString])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("HTTP 404"))
            #expect(result.stdout.contains("no MD5 known for ml-latest-small.zip: checking the ratings count only"))
            #expect(result.stdout.contains("verified 100836 ratings"))
        }
    }
}
