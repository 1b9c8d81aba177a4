import Foundation
import MFAECore
import Testing
@testable import MFAELab

@Suite("Grid expansion, collapse and shards")
struct GridTests {
    @Test func gridIsTheCartesianProductTimesSeeds() throws {
        let grid = try LabFixtures.spec(LabFixtures.specText(baselines: "[]")).expand()
        #expect(grid.runs.count == 2 * 2 * 2)
        #expect(grid.collapsedCount == 0)
        // Seeds outermost, then keys in sorted order, the last key fastest.
        #expect(grid.runs.map(\.label) == [
            "mfae k=2 mask_fraction=0 seed=0", "mfae k=2 mask_fraction=0.5 seed=0",
            "mfae k=4 mask_fraction=0 seed=0", "mfae k=4 mask_fraction=0.5 seed=0",
            "mfae k=2 mask_fraction=0 seed=1", "mfae k=2 mask_fraction=0.5 seed=1",
            "mfae k=4 mask_fraction=0 seed=1", "mfae k=4 mask_fraction=0.5 seed=1",
        ])
        #expect(grid.runs.allSatisfy { $0.configuration.epochs == 3 })
    }

    @Test func baselinesInheritTheSweepAndCollapseWhatTheyIgnore() throws {
        let grid = try LabFixtures.spec().expand()
        let mf = grid.runs.filter { $0.configuration.model == .mf }
        let itemBias = grid.runs.filter { $0.configuration.model == .itemBias }
        // MF uses k but not the mask: 2 k × 2 seeds; item_bias uses neither: 2 seeds.
        #expect(mf.count == 4)
        #expect(itemBias.count == 2)
        #expect(Set(mf.map(\.configuration.k)) == [2, 4])
        #expect(mf.allSatisfy { $0.configuration.maskFraction == TrainingConfiguration().maskFraction })
        #expect(grid.collapsedCount == (8 - 4) + (8 - 2))
        #expect(mf.first?.group == "baseline mf")
        #expect(mf.first?.label == "mf k=2 seed=0")
    }

    @Test func aModelSweptInTheGridCollapsesItsIgnoredParameters() throws {
        let text = LabFixtures.specText(sweep: #"{"model": ["mfae", "mf", "global_mean"], "mask_fraction": [0, 0.3, 0.6]}"#,
                                        seeds: "[5]", baselines: "[]")
        let grid = try LabFixtures.spec(text).expand()
        #expect(grid.runs.count == 3 + 1 + 1)
        #expect(grid.runs.allSatisfy { $0.configuration.seed == 5 })
    }

    @Test func aBaselineEqualToAGridPointIsNotRunTwice() throws {
        let text = LabFixtures.specText(sweep: #"{"model": ["mfae", "mf"]}"#, seeds: "[0]", baselines: #"[{"model": "mf"}]"#)
        let grid = try LabFixtures.spec(text).expand()
        #expect(grid.runs.map(\.configuration.model) == [.mfae, .mf])
        #expect(grid.collapsedCount == 1)
    }

    @Test func aBaselineOwnBaseAndSweepReplaceTheExperiments() throws {
        let text = LabFixtures.specText(sweep: #"{"k": [2, 4], "lr": [0.01, 0.1]}"#, seeds: "[0]",
                                        baselines: #"[{"model": "mf", "base": {"k": 8}, "sweep": {"lr": [0.5]}}]"#)
        let mf = try LabFixtures.spec(text).expand().runs.filter { $0.configuration.model == .mf }
        #expect(mf.count == 1)
        #expect(mf.first?.configuration.k == 8)
        #expect(mf.first?.configuration.learningRate == 0.5)
    }

    @Test("shards partition the grid exactly", arguments: [1, 2, 3, 4, 7, 40])
    func shardsPartition(count: Int) throws {
        let grid = try LabFixtures.spec(LabFixtures.specText(
            sweep: #"{"k": [1, 2, 5, 10, 20], "mask_fraction": [0, 0.5], "protocol": ["warm", "heldout"]}"#,
            seeds: "[0, 1, 2]")).expand()
        var seen: [String] = []
        for index in 0 ..< count {
            let shard = try grid.runs(in: Shard(index: index, count: count))
            seen += shard.map(\.configurationHash)
            // Each shard keeps grid order.
            let positions = shard.compactMap { run in grid.runs.firstIndex(of: run) }
            #expect(positions == positions.sorted())
        }
        #expect(seen.count == grid.runs.count)
        #expect(Set(seen) == Set(grid.runs.map(\.configurationHash)))
    }

    @Test func shardsAreBalancedByCostAndStable() throws {
        let text = LabFixtures.specText(sweep: #"{"k": [1, 2, 5, 10, 20, 50], "mask_fraction": [0, 0.5]}"#, seeds: "[0, 1, 2]")
        let grid = try LabFixtures.spec(text).expand()
        let shards = try (0 ..< 4).map { try grid.runs(in: Shard(index: $0, count: 4)) }
        let loads = shards.map { $0.reduce(0) { $0 + $1.expectedCost } }
        let largest = grid.runs.map(\.expectedCost).max() ?? 0
        #expect((loads.max() ?? 0) - (loads.min() ?? 0) <= largest)
        let again = try LabFixtures.spec(text).expand()
        #expect(try (0 ..< 4).map { try again.runs(in: Shard(index: $0, count: 4)) } == shards)
    }

    @Test("shard arguments", arguments: [("0/1", true), ("3/4", true), ("4/4", false), ("-1/4", false), ("1", false),
                                         ("a/b", false), ("0/0", false)])
    func shardParsing(text: String, isValid: Bool) {
        #expect(((try? Shard(parsing: text)) != nil) == isValid)
    }
}

/// Concurrent runs share the cores: jobs × threads per run ≤ cores unless asked otherwise.
@Suite struct CoreBudgetTests {
    @Test func defaultFillsTheCoresWithWholeRuns() {
        #expect(CoreBudget(requested: nil, threadsPerRun: 1, cores: 8).jobs == 8)
        #expect(CoreBudget(requested: nil, threadsPerRun: 2, cores: 8).jobs == 4)
        #expect(CoreBudget(requested: nil, threadsPerRun: 3, cores: 8).jobs == 2)
        #expect(CoreBudget(requested: nil, threadsPerRun: 4, cores: 2).jobs == 1, "one run even when it wants more threads than cores")
    }

    @Test func requestedJobsAreLoweredToFitUnlessOversubscribing() {
        let lowered = CoreBudget(requested: 2, threadsPerRun: 2, cores: 2)
        #expect(lowered.jobs == 1 && lowered.note != nil)
        let kept = CoreBudget(requested: 2, threadsPerRun: 2, cores: 2, oversubscribe: true)
        #expect(kept.jobs == 2 && kept.note == nil)
        #expect(CoreBudget(requested: 1, threadsPerRun: 1, cores: 2) == CoreBudget(requested: 1, threadsPerRun: 1, cores: 2))
        #expect(CoreBudget(requested: 1, threadsPerRun: 1, cores: 2).jobs == 1, "fewer jobs than cores is the user's choice")
    }
}
