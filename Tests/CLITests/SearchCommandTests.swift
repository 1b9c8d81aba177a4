import Foundation
import MFAETestSupport
import Testing

/// A spec with a `search`, end to end through the executable: progress, resume, `runs`, dry run.
@Suite("mfae-lab run with a search, end to end", .serialized)
struct SearchCommandTests {
    static let spec = #"""
        {"name": "tiny-search", "dataset": {"synthetic": {"users": 60, "items": 30, "ratings": 900}},
         "base": {"epochs": 6, "patience": 2},
         "search": {"sampler": "tpe", "trials": 6, "seed": 1, "protocols": ["warm"], "wave_size": 4, "startup_trials": 3,
                    "pruner": {"kind": "successive_halving", "min_epochs": 2, "reduction_factor": 2, "resource": "k_epochs"},
                    "final_seeds": [7, 8]},
         "models": [{"model": "mf", "space": {"k": {"choice": [2, 4, 8]}, "lr": {"log_uniform": [1e-3, 1e-1]}}}]}
        """#

    @Test func progressCountsTrialsAndFinalsAndAResumedSearchRunsNothing() throws {
        let folder = try LabTestFolder()
        try folder.write("search.json", Self.spec)
        let first = try folder.run("run", "search.json", "--jobs", "2", "--plain")
        #expect(first.status == 0, "\(first.stderr)")
        // Six trials (waves of 2, 4) and the winner on two final seeds: eight runs, counted as such.
        let positions = first.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("["), let end = line.firstIndex(of: "]") else { return nil }
            return String(line[line.index(after: line.startIndex) ..< end])
        }
        #expect(positions.count == 8 && positions.last == "8/8" && positions.allSatisfy { $0.hasSuffix("/8") }, "\(first.stdout)")
        let runs = try folder.runs()
        #expect(runs.count == 8)
        #expect(runs.filter { ($0["label"] as? String)?.hasPrefix("mf warm trial") == true }.count == 6)
        #expect(runs.filter { ($0["label"] as? String)?.contains("winner") == true }.count == 2)

        let again = try folder.run("run", "search.json", "--plain")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 done now"), "\(again.stdout)")
        let dry = try folder.run("run", "--dry-run", "search.json")
        #expect(dry.stdout.contains("search mf warm: wave 2 of 2, 6 of 6 trials ended"), "\(dry.stdout)")
    }
}
