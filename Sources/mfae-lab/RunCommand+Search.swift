import Foundation
import MFAECore
import MFAELab

/// `run` on a spec with a `search`: the waves of trials and the final runs, after the grid.
extension RunCommand {
    /// Runs the search of `plan.spec` and returns the grid's summary with the search's added.
    func runSearch(_ plan: SweepPlan, store: any RunStore, runner: SweepRunner, shard: Shard,
                   gridSummary: SweepSummary, progress: ProgressDisplay) throws -> SweepSummary {
        guard let search = plan.spec.search else { return gridSummary }
        let searchPlan = SearchPlan(spec: plan.spec, fingerprint: plan.fingerprint, shard: shard)
        let studies = searchPlan.studies
        // The runs still to come: trials not yet ended, and each study's winner on the final seeds.
        var ended = 0
        for study in studies {
            ended += try searchPlan.waves(of: study) { trial, rule in try SearchResults.outcome(of: trial, rule: rule, in: store) }
                .flatMap(\.outcomes).compactMap { $0 }.count
        }
        progress.expect(moreRuns: studies.count * (search.trials + search.finalSeeds.count) - ended)
        Console.say("\(plan.spec.name): search of \(studies.count) studies (\(studies.map(\.description).joined(separator: ", "))), "
              + "\(search.trials) \(search.sampler) trials each in waves of up to \(search.waveSize), pruner \(search.pruner.kind)"
              + (search.pruner.audit ? " (audited)" : "") + ", then \(search.finalSeeds.count) final seeds")
        let searchRunner = SearchRunner(store: store, runner: runner)
        var summary = gridSummary
        summary.add(try searchRunner.run(spec: plan.spec, specText: plan.specText, data: plan.data,
                                         fingerprint: plan.fingerprint, shard: shard))
        return summary
    }

    /// Each study's progress: trials ended, pruned, the current best.
    func printSearchDryRun(_ plan: SweepPlan, shard: Shard) throws {
        let store: any RunStore = try database.checkWritable() == nil ? try database.openExisting() : InMemoryRunStore()
        defer { try? (store as? SQLiteRunStore)?.close() }
        let search = SearchPlan(spec: plan.spec, fingerprint: plan.fingerprint, shard: shard)
        for study in search.studies {
            let waves = try search.waves(of: study) { trial, rule in try SearchResults.outcome(of: trial, rule: rule, in: store) }
            let outcomes = waves.flatMap(\.outcomes)
            let ended = outcomes.compactMap { $0 }
            let pruned = ended.filter(\.isPruned).count
            let best = ended.filter { !$0.isPruned }.map(\.objective).min()
            print("  search \(study): wave \(waves.count) of \(search.search.waves.count), \(ended.count) of "
                  + "\(search.search.trials) trials ended (\(pruned) pruned)"
                  + (best.map { String(format: ", best validation RMSE %.4f", $0) } ?? ""))
        }
    }
}
