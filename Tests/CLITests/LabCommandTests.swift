import Foundation
import MFAETestSupport
import Testing

@Suite("mfae-lab runs, show, similar, export, merge", .serialized)
struct LabCommandTests {
    /// A folder where smoke.json has run.
    static func finishedSmoke() throws -> LabTestFolder {
        let folder = try LabTestFolder()
        let result = try folder.run("run", "smoke.json", "--jobs", "2")
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test func browsingCommands() throws {
        let folder = try Self.finishedSmoke()

        let list = try folder.run("runs", "--experiment", "smoke", "--status", "done")
        #expect(list.status == 0)
        #expect(list.stdout.contains("20 run(s)"))
        #expect(try folder.run("runs", "--experiment", "other").stdout.contains("0 run(s)"))
        #expect(try folder.run("runs", "--status", "sideways").status != 0)

        let show = try folder.run("show", "1")
        #expect(show.status == 0, "\(show.stderr)")
        for expected in ["run 1", "key ", "provenance  mfae-lab", "\"k\" : 4", "epoch  train_loss", "test_rmse",
                         "item parameters: 200 items"] {
            #expect(show.stdout.contains(expected), "\(expected) missing from \(show.stdout)")
        }
        #expect(try folder.run("show", "999").status != 0)

        let similar = try folder.run("similar", "1", "Item 65", "-n", "3")
        #expect(similar.status == 0, "\(similar.stderr)")
        #expect(similar.stdout.split(separator: "\n").count == 4)
        let trivial = try folder.runs().first { ($0["configuration"] as? [String: Any])?["model"] as? String == "item_bias" }
        let trivialID = try #require(trivial?["id"] as? Int)
        let noVectors = try folder.run("similar", "\(trivialID)", "Item 65")
        #expect(noVectors.status != 0 && noVectors.stderr.contains("no stored item vectors"))
    }

    @Test func exportWritesOneRowPerRun() throws {
        let folder = try Self.finishedSmoke()
        let csv = try folder.run("export", "--format", "csv", "--experiment", "smoke")
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 21)
        let header = lines[0].split(separator: ",").map(String.init)
        for column in ["run_id", "key", "model", "protocol", "seed", "mask_fraction", "k", "test_rmse", "best_epoch",
                       "git_revision", "wall_seconds"] {
            #expect(header.contains(column), "\(column) missing")
        }
        _ = try folder.run("export", "--format", "json", "-o", "runs.json")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("runs.json")))
        #expect((rows as? [[String: Any]])?.count == 20)
    }

    @Test func shardsRunSeparatelyAndMergeIntoTheWhole() throws {
        let folder = try LabTestFolder()
        var total = 0
        for index in 0 ..< 3 {
            let result = try folder.run("run", "smoke.json", "--shard", "\(index)/3", "--db", "shard\(index).sqlite")
            #expect(result.status == 0, "\(result.stderr)")
            total += try folder.runs(db: "shard\(index).sqlite").count
        }
        #expect(total == 20)
        let merge = try folder.run("merge", "shard0.sqlite", "shard1.sqlite", "shard2.sqlite", "--into", "lab.sqlite")
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("20 run(s) added"), "\(merge.stdout)")
        let resumed = try folder.run("run", "smoke.json")
        #expect(resumed.stdout.contains("0 done now, 20 already done"), "\(resumed.stdout)")
        let again = try folder.run("merge", "shard0.sqlite", "--into", "lab.sqlite")
        #expect(again.stdout.contains("0 run(s) added"), "\(again.stdout)")
        #expect(try folder.run("run", "smoke.json", "--shard", "3/3").status != 0)
    }
}
