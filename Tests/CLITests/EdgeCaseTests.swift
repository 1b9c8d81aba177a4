import Foundation
import MFAEProcess
import MFAETestSupport
import Testing

/// The edges a newcomer meets: exit statuses, signals, a closed pipe, database paths, relative
/// dataset paths, `train --json`, and reports that never half-replace the committed ones.
@Suite("mfae-lab at its edges, end to end", .serialized)
struct EdgeCaseTests {
    // MARK: One error style

    @Test(arguments: [
        (["run", "smoke.json", "--jobs", "0"], 64, "--jobs must be at least 1"),
        (["run", "smoke.json", "--shard", "3/2"], 64, "invalid shard \"3/2\""),
        (["runs", "--status", "sideways"], 64, "sideways"),
        (["export", "--format", "xml"], 64, "xml"),
        (["bench", "--ratings", "3m"], 64, "3m"),
        (["train", "--k", "0"], 64, "--k: expected a positive integer"),
        (["runs", "--db", "missing.sqlite"], 1, "no lab database at missing.sqlite"),
        (["run", "missing.json"], 1, "missing.json"),
        (["train", "--dataset", "no/such/folder"], 1, "no/such/folder"),
    ])
    func errorsHaveOnePrefixAndDocumentedStatuses(arguments: [String], status: Int32, message: String) throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        let result = try CLIProcess.run(arguments, in: folder.url)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("error: "), "a second error style: \(result.stderr)")
    }

    // MARK: Signals and a closed pipe

    @Test func sighupMarksRunningRunsInterrupted() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        let process = try folder.start("run", "slow.json", "--jobs", "2")
        _ = try folder.waitFor { ($0["running"] ?? 0) >= 1 }
        process.send(SIGHUP)
        let stopped = process.wait()
        #expect(stopped.status == 130 && !stopped.wasSignalled, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("interrupted (SIGHUP)"), "\(stopped.stderr)")
        let counts = try folder.statusCounts()
        #expect(counts["running"] == nil, "\(counts)")
        #expect(counts["interrupted", default: 0] >= 1, "\(counts)")
    }

    @Test func aClosedPipeStopsTheSweepLikeSIGTERM() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        // `mfae-lab run … | head -n 1`: head exits after the first line; mfae-lab's next write fails.
        let script = "set -o pipefail; '\(CLIProcess.executable.path)' run slow.json --jobs 2 --plain | head -n 1"
        let result = try ChildProcess.run(executable: "/bin/bash", arguments: ["-c", script], in: folder.url)
        let stderr = result.stderr
        #expect(result.status == 130 && !result.wasSignalled, "\(stderr)")
        #expect(stderr.contains("standard output was closed"), "\(stderr)")
        let counts = try folder.statusCounts()
        #expect(counts["running"] == nil, "\(counts)")
        #expect(counts["done", default: 0] < 6, "\(counts)")
    }

    // MARK: --db paths

    @Test func aDatabaseInAMissingFolderIsCreatedAndDryRunSaysSo() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        let dry = try folder.run("run", "smoke.json", "--dry-run", "--db", "results/deep/x.sqlite")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("will be created"), "\(dry.stdout)")
        #expect(!folder.exists("results"))
        let real = try folder.run("run", "smoke.json", "--db", "results/deep/x.sqlite")
        #expect(real.status == 0, "\(real.stderr)")
        #expect(try folder.statusCounts(db: "results/deep/x.sqlite") == ["done": 20])
    }

    @Test func anUnusableDatabasePathGetsTheSameVerdictFromDryRunAndRun() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        try folder.write("afile", "not a folder")
        let dry = try folder.run("run", "smoke.json", "--dry-run", "--db", "afile/x.sqlite")
        let real = try folder.run("run", "smoke.json", "--db", "afile/x.sqlite")
        #expect(dry.status == 1 && real.status == 1)
        #expect(dry.stderr == real.stderr, "\(dry.stderr) | \(real.stderr)")
        #expect(real.stderr.contains("afile is not a folder"), "\(real.stderr)")
    }

    // MARK: Relative dataset paths

    @Test func aSpecsRelativeDatasetPathIsTakenFromItsOwnFolder() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        let synth = try folder.run("data", "synth", "--out", "specs/data/tiny", "--format", "csv",
                                   "--users", "60", "--items", "40", "--ratings", "1500")
        #expect(synth.status == 0, "\(synth.stderr)")
        try folder.write("specs/local.json", """
            {"name": "local", "description": "A folder next to the spec.", "dataset": "data/tiny",
             "base": {"k": 2, "epochs": 2, "batch_size": 256}, "seeds": [0]}
            """)
        let fromRoot = try folder.run("run", "specs/local.json", "--db", "a.sqlite")
        #expect(fromRoot.status == 0, "\(fromRoot.stderr)")
        let fromInside = try CLIProcess.run(["run", "local.json", "--db", "../b.sqlite"],
                                            in: folder.url.appendingPathComponent("specs"))
        #expect(fromInside.status == 0, "\(fromInside.stderr)")
        #expect(try folder.statusCounts(db: "a.sqlite") == ["done": 1])
        #expect(try folder.statusCounts(db: "b.sqlite") == ["done": 1])
    }

    // MARK: train --json

    @Test func trainJSONPrintsExactlyOneDocumentOnStdout() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        let result = try folder.run("train", "--epochs", "2", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["test_rmse"] is Double)
        #expect(result.stderr.contains("epoch   1"), "\(result.stderr)")
        let plain = try folder.run("train", "--epochs", "2")
        #expect(plain.stdout.contains("epoch   1") && plain.stdout.contains("best epoch"), "\(plain.stdout)")
    }

    // MARK: Reports never half-replace the committed ones

    @Test func anIncompleteDatabaseDoesNotReplaceACompleteReport() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        #expect(try folder.run("run", "slow.json", "--db", "complete.sqlite").status == 0)
        #expect(try folder.run("report", "--db", "complete.sqlite", "--out", "R", "--no-render").status == 0)
        let committed = try folder.text("R/slow/README.md")

        let process = try folder.start("run", "slow.json", "--jobs", "2", "--db", "partial.sqlite")
        _ = try folder.waitFor(db: "partial.sqlite") { ($0["running"] ?? 0) >= 1 }
        process.send(SIGINT)
        #expect(process.wait().status == 130)

        let refused = try folder.run("report", "--db", "partial.sqlite", "--out", "R", "--no-render")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds complete reports of slow") && refused.stderr.contains("--allow-incomplete"),
                "\(refused.stderr)")
        #expect(try folder.text("R/slow/README.md") == committed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains(".partial-") })

        let allowed = try folder.run("report", "--db", "partial.sqlite", "--out", "R", "--no-render", "--allow-incomplete")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try folder.text("R/slow/README.md").contains("**Incomplete:**"))
        // A complete report may replace an incomplete one.
        #expect(try folder.run("report", "--db", "complete.sqlite", "--out", "R", "--no-render").status == 0)
        #expect(try folder.text("R/slow/README.md") == committed)
    }

    @Test func aReportHoldsExactlyTheExperimentsAskedFor() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        #expect(try folder.run("run", "smoke.json", "--db", "study.sqlite").status == 0)
        #expect(try folder.run("report", "--db", "study.sqlite", "--out", "R", "--no-render").status == 0)
        try folder.write("R/NOTES.txt", "kept")
        #expect(try folder.run("run", "slow.json", "--db", "other.sqlite").status == 0)
        // Another database would drop the smoke report: refused, nothing written.
        let refused = try folder.run("report", "--db", "other.sqlite", "--out", "R", "--no-render")
        #expect(refused.status == 1 && refused.stderr.contains("also holds reports of smoke"), "\(refused.stderr)")
        #expect(!folder.exists("R/slow"))
        // Reporting again replaces the folder's reports and keeps other files.
        #expect(try folder.run("report", "--db", "study.sqlite", "--out", "R", "--no-render").status == 0)
        #expect(try folder.text("R/NOTES.txt") == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("R").path).sorted()
                == ["NOTES.txt", "README.md", "smoke"])
    }
}
