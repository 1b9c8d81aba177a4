import ArgumentParser
import Foundation
import MFAECore
import MFAEFetch
import MFAELab

/// `mfae-lab run SPEC`: runs an experiment's grid into the lab database, in parallel, resumably.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment spec's grid into the lab database.",
        discussion: """
            Runs whose key is already done are skipped: resuming is running the same command again. \
            Ctrl-C, SIGTERM, SIGHUP or a closed standard output stop cleanly (running runs are marked \
            interrupted). A relative dataset path in the spec is taken relative to the spec file's folder. \
            Exit status: 0 when every run is done, 1 when some failed or diverged, 64 for a wrong command \
            line, 130 when interrupted.
            """)

    @Argument(help: "The experiment spec (JSON), e.g. Experiments/smoke.json.")
    var spec: String

    @Option(help: "Runs trained at once (default: cores ÷ the spec's threads per run, at least 1).")
    var jobs: Int?

    @Flag(help: "Keep --jobs even when jobs × threads per run exceeds the cores.")
    var oversubscribe = false

    @OptionGroup var database: DatabaseOption

    @Option(name: .customLong("data-dir"), help: "Data directory for named data sets (default: $MFAE_DATA_DIR, else ./data).")
    var dataDirectory: String?

    @Option(help: ArgumentHelp(
        "Run only slice i of N of the grid (0-based), e.g. $SLURM_ARRAY_TASK_ID/8; auto reads "
            + "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (a Slurm job array 0-(N-1)) or "
            + "JOB_COMPLETION_INDEX/JOB_COMPLETIONS (a Kubernetes Indexed Job).",
        valueName: "i/N|auto"))
    var shard: String?

    @Flag(help: "Re-run runs that are already done.")
    var force = false

    @Flag(help: "Re-run runs that failed or diverged.")
    var retryFailed = false

    @Flag(help: "Print the expanded grid and what would run; run and write nothing.")
    var dryRun = false

    @Flag(help: "Plain log lines even on a terminal.")
    var plain = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        do {
            _ = try resolvedShard()
        } catch let error as LabError {
            if case .shardUnavailable = error { throw ValidationError("\(error)") }
            throw ValidationError("--shard: \(error)")
        }
    }

    /// The `--shard` slice: parsed, read from a job array's environment (`auto`), or the whole grid.
    func resolvedShard() throws -> Shard {
        guard let shard else { return .whole }
        if shard == "auto" { return try Shard(environment: ProcessInfo.processInfo.environment) }
        return try Shard(parsing: shard)
    }

    func run() throws {
        let (experiment, text) = try ExperimentSpec.load(path: spec)
        let shard = try resolvedShard()
        let data = try experiment.dataset.loadFetchingIfMissing(dataDirectory: DataDirectory.resolve(flag: dataDirectory),
                                                                fetcher: FetchProgressLine.makeFetcher(), log: Console.log)
        let plan = try SweepPlan(spec: experiment, specText: String(decoding: text, as: UTF8.self), data: data,
                                 shard: shard)
        let policy = ClaimPolicy(force: force, retryFailed: retryFailed)
        if dryRun {
            try printDryRun(plan, policy: policy)
            if experiment.search != nil { try printSearchDryRun(plan, shard: shard) }
            return
        }

        let budget = CoreBudget(requested: jobs, threadsPerRun: plan.threadsPerRun,
                                cores: ProcessInfo.processInfo.activeProcessorCount, oversubscribe: oversubscribe)
        if let note = budget.note { Console.log("note: \(note)") }
        let jobs = budget.jobs
        // Never sweep into a damaged file (a writer would touch it before any check).
        try SQLiteRunStore.checkIntegrity(ofFileAt: database.db)
        let store = try database.openForWriting()
        // Closing checkpoints the write-ahead log into the file: once this command has exited, the
        // .sqlite file alone holds every result, whatever the exit status.
        defer { try? store.close() }
        let progress = ProgressDisplay(plan: plan, mode: plain ? .plain : nil)
        let runner = SweepRunner(store: store, options: SweepRunner.Options(jobs: jobs, policy: policy),
                                 observer: { progress.handle($0) })
        let trap = InterruptTrap { signal in
            let name = signal == SIGINT ? "Ctrl-C" : signal == SIGHUP ? "SIGHUP" : "SIGTERM"
            Console.log("interrupted (\(name)): stopping running runs (\(name) again to quit at once)")
            runner.cancel()
        }
        Console.outputClosed = {
            Console.log("interrupted: standard output was closed; stopping running runs")
            runner.cancel()
        }
        Console.say("\(plan.spec.name): \(plan.jobs.count) runs on \(data.name) (\(data.count) ratings), "
              + "\(jobs) job(s), database \(database.db)" + (shard.count > 1 ? ", shard \(shard)" : ""))
        progress.startTimer()
        var summary = plan.jobs.isEmpty ? SweepSummary() : try runner.run(plan)
        if experiment.search != nil, !runner.isCancelled {
            summary = try runSearch(plan, store: store, runner: runner, shard: shard, gridSummary: summary, progress: progress)
        }
        progress.stop()
        trap.remove()
        Console.say("\(plan.spec.name): \(summary)")
        // A damaged file is named now, not at the next report or merge.
        try store.checkIntegrity()
        do {
            try store.close()
        } catch {
            Console.log("Error: \(error); what could not be folded into \(database.db) stays in \(database.db)-wal: "
                        + "keep that file beside it (the next run folds it in)")
            throw ExitStatus.failure
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    private func printDryRun(_ plan: SweepPlan, policy: ClaimPolicy) throws {
        // The same verdict on --db as a real run, without creating anything.
        let note = try database.checkWritable()
        let store: any RunStore = note == nil ? try database.openExisting() : InMemoryRunStore()
        defer { try? (store as? SQLiteRunStore)?.close() }
        let dispositions = try plan.dispositions(in: store, policy: policy)
        print("\(plan.spec.name): \(plan.spec.description)")
        print("database: \(database.db)" + (note.map { " (\($0))" } ?? ""))
        print("data: \(plan.data.name), \(plan.data.count) ratings, fingerprint \(plan.fingerprint.prefix(12))")
        for (job, disposition) in zip(plan.jobs, dispositions) {
            let state = disposition.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
            print("  \(state) \(job.key.prefix(12))  \(job.run.group.padding(toLength: 20, withPad: " ", startingAt: 0)) \(job.run.label)")
        }
        var counts: [RunDisposition: Int] = [:]
        for disposition in dispositions { counts[disposition, default: 0] += 1 }
        let shardNote = plan.shard.count > 1 ? " in shard \(plan.shard) of \(plan.grid.runs.count)" : ""
        print("\(plan.jobs.count) runs\(shardNote) (\(plan.grid.collapsedCount) duplicate grid points collapsed): "
              + RunDisposition.allCases.map { "\(counts[$0, default: 0]) \($0 == .retry ? "to retry" : $0.rawValue)" }
                .joined(separator: ", "))
    }
}
