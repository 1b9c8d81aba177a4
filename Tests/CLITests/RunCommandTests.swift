import Foundation
import MFAETestSupport
import Testing

@Suite("mfae-lab run, end to end", .serialized)
struct RunCommandTests {
    @Test func smokeRunsCompletelyAndResumesAsANoOp() throws {
        let folder = try LabTestFolder()
        let first = try folder.run("run", "smoke.json", "--jobs", "2")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("smoke: 20 runs, 20 done now, 0 already done"), "\(first.stdout)")
        #expect(folder.exists("lab.sqlite"))
        let runs = try folder.runs()
        #expect(runs.count == 20)
        #expect(runs.allSatisfy { $0["status"] as? String == "done" })
        #expect(runs.allSatisfy { (($0["metrics"] as? [String: Any])?["test_rmse"] as? Double) != nil })
        #expect(Set(runs.compactMap { ($0["configuration"] as? [String: Any])?["model"] as? String })
                == ["mfae", "mf", "item_bias", "global_mean"])

        let again = try folder.run("run", "smoke.json")
        #expect(again.status == 0)
        #expect(again.stdout.contains("20 runs, 0 done now, 20 already done"), "\(again.stdout)")
        let dry = try folder.run("run", "--dry-run", "smoke.json")
        #expect(dry.stdout.contains("0 new, 20 done, 0 to retry"), "\(dry.stdout)")
    }

    @Test func dryRunListsTheGridAndWritesNothing() throws {
        let folder = try LabTestFolder()
        let result = try folder.run("run", "--dry-run", "smoke.json")
        #expect(result.status == 0)
        #expect(result.stdout.contains("20 runs (12 duplicate grid points collapsed): 20 new, 0 done, 0 to retry"),
                "\(result.stdout)")
        #expect(result.stdout.contains("mfae mask_fraction=0.5 protocol=heldout seed=1"))
        #expect(!folder.exists("lab.sqlite"))
    }

    @Test func aBadSpecIsRejectedWithEveryProblemBeforeAnythingIsWritten() throws {
        let folder = try LabTestFolder()
        try folder.write("bad.json", #"""
            {"name": "bad", "dataset": "synthetic", "base": {"k": 0, "colour": "red"},
             "sweep": {"protocol": ["warm", "cold"], "lr": []}}
            """#)
        let result = try folder.run("run", "bad.json")
        #expect(result.status != 0)
        for expected in ["base.k: expected a positive integer", "base.colour: unknown key",
                         "sweep.protocol[1]: expected one of reconstruction, heldout, warm",
                         "sweep.lr: expected a non-empty list", "seeds: missing"] {
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
        #expect(!folder.exists("lab.sqlite"))
    }

    @Test func aRunKilledWithSIGKILLIsRedoneAndNothingElse() throws {
        let folder = try LabTestFolder()
        let process = try folder.start("run", "slow.json", "--jobs", "1")
        let seen = try folder.waitFor { ($0["done"] ?? 0) >= 1 && ($0["running"] ?? 0) == 1 }
        process.send(SIGKILL)
        let killed = process.wait()
        #expect(killed.wasSignalled)
        #expect(seen["done", default: 0] >= 1)

        let counts = try folder.statusCounts()
        let done = counts["done", default: 0]
        #expect(counts["running", default: 0] <= 1)
        #expect(done < 6)
        let dry = try folder.run("run", "--dry-run", "slow.json")
        #expect(dry.stdout.contains("\(done) done"), "\(dry.stdout)")
        let resumed = try folder.run("run", "slow.json", "--jobs", "2")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("6 runs, \(6 - done) done now, \(done) already done"), "\(resumed.stdout)")
        #expect(try folder.statusCounts() == ["done": 6])
    }

    @Test func ctrlCMarksRunningRunsInterruptedAndTheNextRunFinishes() throws {
        let folder = try LabTestFolder()
        let process = try folder.start("run", "slow.json", "--jobs", "2")
        _ = try folder.waitFor { ($0["done"] ?? 0) >= 1 && ($0["running"] ?? 0) >= 1 }
        process.send(SIGINT)
        let stopped = process.wait()
        #expect(stopped.status == 130, "\(stopped.stdout) \(stopped.stderr)")
        #expect(stopped.stdout.contains("interrupted"), "\(stopped.stdout)")
        let counts = try folder.statusCounts()
        #expect(counts["running"] == nil)
        #expect(counts["interrupted", default: 0] >= 1)
        let resumed = try folder.run("run", "slow.json")
        #expect(resumed.status == 0)
        #expect(try folder.statusCounts() == ["done": 6])
    }

    /// Slurm array tasks start together: four processes creating one new database at once must all
    /// find it a lab database (reading the schema of a file another process is creating fails for a
    /// moment; before the store asked again, 4 rounds of 60 ended in "not a lab database").
    @Test func processesCreatingOneDatabaseTogetherAllSucceed() throws {
        let folder = try LabTestFolder()
        try folder.write("tiny.json", #"""
            {"name": "tiny", "description": "four processes create one database at once",
             "dataset": {"synthetic": {"users": 30, "items": 20, "ratings": 400}}, "base": {"epochs": 1}, "seeds": [0]}
            """#)
        for round in 0 ..< 8 {
            let db = "round-\(round).sqlite"
            let processes = try (0 ..< 4).map { _ in try folder.start("run", "tiny.json", "--db", db, "--plain") }
            for result in processes.map({ $0.wait() }) {
                #expect(result.status == 0, "round \(round): \(result.stderr)")
            }
            #expect(try folder.runs(db: db).count == 1)
        }
    }

    @Test func twoProcessesOnOneDatabaseBothFinishWithoutDuplicates() throws {
        let folder = try LabTestFolder()
        let a = try folder.start("run", "slow.json", "--jobs", "1", "--plain")
        let b = try folder.start("run", "slow.json", "--jobs", "1", "--plain")
        let first = a.wait(), second = b.wait()
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        #expect(!(first.stderr + second.stderr).contains("locked"))
        let runs = try folder.runs()
        #expect(runs.count == 6)
        #expect(runs.allSatisfy { $0["status"] as? String == "done" && $0["attempts"] as? Int == 1 })
        func doneNow(_ text: String) -> Int {
            guard let range = text.range(of: #"(\d+) done now"#, options: .regularExpression) else { return -1 }
            return Int(text[range].split(separator: " ")[0]) ?? -1
        }
        #expect(doneNow(first.stdout) + doneNow(second.stdout) == 6, "\(first.stdout)\n\(second.stdout)")
    }
}
