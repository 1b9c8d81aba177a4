import Foundation
import MFAEProcess
import MFAETestSupport
import Testing

/// The lab database as a file a user copies, shares and keeps: complete when a command exits,
/// readable read-only, checked before it matters, and named in every error.
@Suite("mfae-lab database files, end to end", .serialized)
struct DatabaseFileTests {
    /// Substrings of GRDB's and SQLite's own messages, which no error may show.
    static let internals = ["grdb", "SQLite error", "while executing", "btree", "disk image is malformed"]

    func expectPlainError(_ result: CLIProcess.Result, naming file: String, saying words: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stderr.contains(file) && result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
        for fragment in Self.internals {
            #expect(!result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func aFinishedRunLeavesEverythingInTheDatabaseFile() throws {
        let folder = try LabTestFolder()
        #expect(try folder.run("run", "smoke.json", "--db", "X.sqlite", "--plain").status == 0)
        let log = folder.url.appendingPathComponent("X.sqlite-wal").path
        let logBytes = ((try? FileManager.default.attributesOfItem(atPath: log)[.size]) as? Int) ?? 0
        #expect(logBytes == 0)
        // Only the .sqlite file, elsewhere: every run is in it.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("mailed"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.url.appendingPathComponent("X.sqlite"),
                                         to: folder.url.appendingPathComponent("mailed/X.sqlite"))
        let runs = try folder.runs(db: "mailed/X.sqlite")
        #expect(runs.count == 20 && runs.allSatisfy { $0["status"] as? String == "done" })
        // `db copy` gives the same, without the sqlite3 program.
        #expect(try folder.run("db", "copy", "X.sqlite", "copy.sqlite").status == 0)
        #expect(!folder.exists("copy.sqlite-wal"))
        #expect(try folder.runs(db: "copy.sqlite").count == 20)
        let check = try folder.run("db", "check", "X.sqlite", "copy.sqlite")
        #expect(check.status == 0 && check.stdout.contains("copy.sqlite: ok"))
    }

    @Test func readersWorkOnAReadOnlyFolder() throws {
        let folder = try LabTestFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("results"), withIntermediateDirectories: true)
        #expect(try folder.run("run", "smoke.json", "--db", "results/lab.sqlite", "--plain").status == 0)
        guard let readOnly = try ReadOnlyView(of: folder.url.appendingPathComponent("results")) else {
            print("note: no read-only mount or permission available here; the read-only case is not exercised")
            return
        }
        defer { readOnly.remove() }
        let db = readOnly.url.appendingPathComponent("lab.sqlite").path
        let commands: [[String]] = [
            ["runs", "--db", db], ["show", "1", "--db", db], ["similar", "1", "Item 1", "--db", db],
            ["export", "--db", db], ["report", "--db", db, "--out", "reports", "--no-render"],
            ["run", "smoke.json", "--dry-run", "--db", db], ["db", "check", db], ["db", "copy", db, "copy.sqlite"],
            ["merge", db, "--into", "merged.sqlite"],
        ]
        for command in commands {
            let result = try CLIProcess.run(command, in: folder.url)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try folder.runs(db: "merged.sqlite").count == 20)
        // Writing fails with a plain message naming the file.
        let write = try folder.run("run", "smoke.json", "--force", "--db", db)
        expectPlainError(write, naming: db, saying: "read-only")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    @Test func aDamagedDatabaseIsNamedAndNeverMergedOrSweptInto() throws {
        let folder = try LabTestFolder()
        #expect(try folder.run("run", "smoke.json", "--db", "good.sqlite", "--plain").status == 0)
        try FileManager.default.copyItem(at: folder.url.appendingPathComponent("good.sqlite"),
                                         to: folder.url.appendingPathComponent("bad.sqlite"))
        try Self.damage(folder.url.appendingPathComponent("bad.sqlite"))
        let damaged = try Data(contentsOf: folder.url.appendingPathComponent("bad.sqlite"))

        expectPlainError(try folder.run("merge", "bad.sqlite", "--into", "merged.sqlite"), naming: "bad.sqlite", saying: "damaged")
        #expect(!folder.exists("merged.sqlite"))
        expectPlainError(try folder.run("merge", "good.sqlite", "--into", "bad.sqlite"), naming: "bad.sqlite", saying: "damaged")
        expectPlainError(try folder.run("report", "--db", "bad.sqlite", "--out", "reports", "--no-render"),
                         naming: "bad.sqlite", saying: "damaged")
        expectPlainError(try folder.run("run", "smoke.json", "--db", "bad.sqlite", "--plain"), naming: "bad.sqlite", saying: "damaged")
        expectPlainError(try folder.run("db", "check", "bad.sqlite"), naming: "bad.sqlite", saying: "damaged")
        // Nothing was written into it.
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("bad.sqlite")) == damaged)
        let log = (try? Data(contentsOf: folder.url.appendingPathComponent("bad.sqlite-wal"))) ?? Data()
        #expect(log.isEmpty)
    }

    @Test func shardAutoReadsTheJobArrayEnvironment() throws {
        let folder = try LabTestFolder()
        let cleared: [String: String?] = ["SLURM_ARRAY_TASK_ID": nil, "SLURM_ARRAY_TASK_COUNT": nil, "SLURM_ARRAY_TASK_MIN": nil,
                                          "SLURM_ARRAY_TASK_MAX": nil, "JOB_COMPLETION_INDEX": nil, "JOB_COMPLETIONS": nil]
        func dryRun(_ environment: [String: String?]) throws -> CLIProcess.Result {
            try CLIProcess.run(["run", "smoke.json", "--shard", "auto", "--dry-run"], in: folder.url,
                               environment: cleared.merging(environment) { $1 })
        }
        let slurm = try dryRun(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3",
                                "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2"])
        #expect(slurm.status == 0 && slurm.stdout.contains("in shard 1/3 of 20"), "\(slurm.stdout)\(slurm.stderr)")
        let explicit = try folder.run("run", "smoke.json", "--shard", "1/3", "--dry-run")
        #expect(explicit.stdout == slurm.stdout)
        let kubernetes = try dryRun(["JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "3"])
        #expect(kubernetes.status == 0 && kubernetes.stdout.contains("in shard 2/3 of 20"))
        let neither = try dryRun([:])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("--shard auto: neither SLURM_ARRAY_TASK_ID"), "\(neither.stderr)")
        #expect(!folder.exists("lab.sqlite"))
    }

    /// Writes 64 KB of fixed pseudo-random bytes into the middle of the file.
    static func damage(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        let length = try handle.seekToEnd()
        var state: UInt64 = 7
        let noise = Data((0 ..< 65_536).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
        try handle.seek(toOffset: length / 2 > 32_768 ? length / 2 - 32_768 : 0)
        handle.write(noise)
    }
}

/// A read-only view of a folder: a read-only bind mount when running as root (root ignores file
/// modes), or the folder itself made read-only otherwise. Nil when neither is possible here.
struct ReadOnlyView {
    let url: URL
    private let isMount: Bool
    private let original: URL

    init?(of folder: URL) throws {
        original = folder
        if geteuid() == 0 {
            let target = folder.deletingLastPathComponent().appendingPathComponent("read-only")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            guard Self.shell("mount", "--bind", folder.path, target.path) else { return nil }
            guard Self.shell("mount", "-o", "remount,bind,ro", target.path) else {
                _ = Self.shell("umount", target.path)
                return nil
            }
            url = target
            isMount = true
        } else {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                try FileManager.default.setAttributes([.posixPermissions: 0o444],
                                                      ofItemAtPath: folder.appendingPathComponent(file).path)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            url = folder
            isMount = false
        }
        // Make sure it really is read-only.
        if access(url.path, W_OK) == 0 {
            remove()
            return nil
        }
    }

    func remove() {
        if isMount {
            _ = Self.shell("umount", url.path)
        } else {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: original.path)
        }
    }

    private static func shell(_ arguments: String...) -> Bool {
        let result = try? ChildProcess.run(executable: "/usr/bin/env", arguments: arguments, output: .discard,
                                           errors: .discard)
        return result?.succeeded ?? false
    }
}
