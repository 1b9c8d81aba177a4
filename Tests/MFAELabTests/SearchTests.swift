import Foundation
import MFAECore
import MFAETestSupport
import Testing
@testable import MFAELab

/// Distributions, samplers, pruning rules and the search runner.
@Suite("Search")
struct SearchTests {
    static func searchSpecText(sampler: String = "tpe", trials: Int = 12, pruner: String = #"{"kind": "successive_halving", "min_epochs": 2, "reduction_factor": 2}"#,
                               name: String = "search") -> String {
        """
        {"name": "\(name)", "description": "a search", "dataset": {"synthetic": {"users": 40, "items": 20, "ratings": 500}},
         "base": {"epochs": 8, "patience": 3},
         "search": {"sampler": "\(sampler)", "trials": \(trials), "seed": 3, "protocols": ["warm", "heldout"],
                    "pruner": \(pruner), "final_seeds": [10, 11], "wave_size": 4, "startup_trials": 4},
         "models": [
           {"model": "mfae", "space": {"k": {"choice": [2, 4]}, "lr": {"log_uniform": [1e-3, 1e-1]}, "mask_fraction": {"uniform": [0, 0.9]}}},
           {"model": "mf", "base": {"regularization": "per_example"},
            "space": {"k": {"int_uniform": [2, 6]}, "lr": {"log_uniform": [1e-3, 1e-1]}, "c_vector": {"log_uniform": [1e-3, 1]}}}
         ]}
        """
    }

    static let data: RatingSet = Fixtures.planted(users: 40, items: 20, perUser: 12)

    // MARK: Distributions and samplers

    @Test func distributionsMapTheUnitIntervalOntoTheirRanges() {
        let uniform = Distribution.uniform(low: -1, high: 3)
        let log = Distribution.logUniform(low: 1e-4, high: 1e-2)
        let integers = Distribution.intUniform(low: 2, high: 5)
        let choice = Distribution.choice([.string("a"), .string("b"), .string("c")])
        #expect(uniform.value(at: 0) == .number(-1) && uniform.value(at: 0.5) == .number(1))
        if case let .number(middle) = log.value(at: 0.5) { #expect(abs(middle - 1e-3) < 1e-12) } else { Issue.record("not a number") }
        #expect((0 ..< 100).map { integers.value(at: Double($0) / 100) }.reduce(into: Set<JSONValue>()) { $0.insert($1) }
            == [.number(2), .number(3), .number(4), .number(5)])
        #expect(integers.value(at: 0.999999) == .number(5) && integers.value(at: 1) == .number(5))
        #expect(choice.value(at: 0.34) == .string("b") && choice.value(at: 0.99) == .string("c"))
        #expect(log.isAtEdge(.number(1.1e-4)) && !log.isAtEdge(.number(1e-3)) && log.isAtEdge(.number(0.0095)))
        #expect(Distribution.choice([.number(8), .number(16), .number(32)]).isAtEdge(.number(32)))
        #expect(!Distribution.choice([.number(8), .number(16), .number(32)]).isAtEdge(.number(16)))
    }

    @Test(arguments: SamplerKind.allCases)
    func samplersAreDeterministicAndStayInTheirRanges(_ sampler: SamplerKind) throws {
        var search = SearchSpec()
        search.sampler = sampler
        search.startupTrials = 0
        let space = SearchSpace(["lr": .logUniform(low: 1e-4, high: 3e-2), "k": .intUniform(low: 8, high: 128),
                                 "mask_fraction": .uniform(low: 0, high: 0.9), "normalize": .choice([.string("all"), .string("kept")])])
        let history = (0 ..< 10).map { index in
            TrialObservation(values: space.values(at: [0.1 * Double(index), 0.5, 0.3, 0.9 - 0.05 * Double(index)]),
                             objective: 1 + Double(index % 4) * 0.1)
        }
        var seen = Set<String>()
        for index in 0 ..< 60 {
            let values = TrialSampler.propose(search, space: space, study: "mfae warm", index: index, observations: history)
            #expect(values == TrialSampler.propose(search, space: space, study: "mfae warm", index: index, observations: history))
            guard case let .number(lr)? = values["lr"], case let .number(k)? = values["k"],
                  case let .number(mask)? = values["mask_fraction"], case .string? = values["normalize"] else {
                Issue.record("missing values \(values)")
                continue
            }
            #expect(lr >= 1e-4 && lr <= 3e-2)
            #expect(k >= 8 && k <= 128 && k == k.rounded())
            #expect(mask >= 0 && mask <= 0.9)
            seen.insert(SearchPlan.describe(values))
        }
        #expect(seen.count > 40)
        let other = TrialSampler.propose(search, space: space, study: "mf warm", index: 0, observations: history)
        #expect(other != TrialSampler.propose(search, space: space, study: "mfae warm", index: 0, observations: history))
    }

    @Test func unscrambledSobolPointsMatchSciPy() {
        // scipy.stats.qmc.Sobol(6, scramble=False).random(8)
        let expected: [[Double]] = [
            [0, 0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75, 0.75],
            [0.25, 0.75, 0.75, 0.75, 0.25, 0.25], [0.375, 0.375, 0.625, 0.875, 0.375, 0.125],
            [0.875, 0.875, 0.125, 0.375, 0.875, 0.625], [0.625, 0.125, 0.875, 0.625, 0.625, 0.875],
            [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
        ]
        let sequence = SobolSequence(dimensions: 6, shiftSeed: nil)
        #expect((0 ..< 8).map(sequence.point) == expected)
        // A digital shift keeps the stratification: each half of each axis gets one of the first two points.
        let shifted = SobolSequence(dimensions: 6, shiftSeed: 42)
        for dimension in 0 ..< 6 {
            let halves = (0 ..< 2).map { shifted.point($0)[dimension] < 0.5 }
            #expect(halves[0] != halves[1])
        }
    }

    @Test func treeParzenEstimatorConcentratesWhereTheHistoryIsGood() {
        let space = SearchSpace(["lr": .logUniform(low: 1e-5, high: 1)])
        var generator = SplitMix64(seed: 9)
        // Objective: distance of log10(lr) from -3.
        let history = (0 ..< 40).map { _ -> TrialObservation in
            let values = space.values(at: [generator.nextUnitDouble()])
            guard case let .number(lr)? = values["lr"] else { return TrialObservation(values: values, objective: 9) }
            return TrialObservation(values: values, objective: abs(log10(lr) + 3))
        }
        var search = SearchSpec()
        search.startupTrials = 10
        let proposals = (0 ..< 30).compactMap { index -> Double? in
            guard case let .number(lr)? = TrialSampler.propose(search, space: space, study: "s", index: index,
                                                               observations: history)["lr"] else { return nil }
            return abs(log10(lr) + 3)
        }
        let randomMean = history.map(\.objective).reduce(0, +) / Double(history.count)
        let tpeMean = proposals.reduce(0, +) / Double(proposals.count)
        #expect(tpeMean < randomMean / 2)
    }

    // MARK: Pruning

    @Test func successiveHalvingKeepsTheBestThirdAtEachRung() {
        var pruner = PrunerSpec()
        pruner.minEpochs = 2
        pruner.reductionFactor = 3
        let history: [[Double]] = [
            [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4], [1.0, 0.95], [1.0, 1.0], [1.2, 0.85, 0.84, 0.83, 0.82, 0.81],
            [2, 2], [3, 3], [0.9, 0.88, 0.87, 0.86, 0.85, 0.84, 0.83],
        ]
        let rule = PruningRule.make(pruner, maxEpochs: 20, history: history.map { PruningPeer(curve: $0, ranToEnd: false) })
        // Rung 2: seven values 0.9, 0.95, 1.0, 0.85, 2, 3, 0.88 → sorted 0.85 0.88 0.9 …; keep ⌈7/3⌉ = 3 → 0.9.
        #expect(rule.thresholds[2] == 0.9)
        // Rung 6: three curves reach it (0.5, 0.81, 0.84) → keep 1 → 0.5. Rung 18: nobody → no threshold.
        #expect(rule.thresholds[6] == 0.5)
        #expect(rule.thresholds[18] == nil && rule.thresholds.count == 2)
        #expect(rule.pruningEpoch(of: [1.0, 0.91, 0.5]) == 2)
        #expect(rule.pruningEpoch(of: [1.0, 0.9, 0.6, 0.55, 0.52, 0.51, 0.3]) == 6)
        #expect(rule.pruningEpoch(of: [0.8, 0.85, 0.6, 0.55, 0.52, 0.49]) == nil)
        let twoPeers = history.prefix(2).map { PruningPeer(curve: $0, ranToEnd: false) }
        #expect(PruningRule.make(pruner, maxEpochs: 20, history: twoPeers).thresholds.isEmpty)

        // Trials that ended by themselves before a rung count there with their final best: at rung 6
        // 0.5, 0.95, 1.0, 0.81, 2, 3, 0.84 → keep 3 → 0.84; at rung 18 all seven → 0.4 0.81 0.83 … → 0.83.
        let ended = PruningRule.make(pruner, maxEpochs: 20, history: history.map { PruningPeer(curve: $0, ranToEnd: true) })
        #expect(ended.thresholds == [2: 0.9, 6: 0.84, 18: 0.83])
    }

    @Test func workRungsJudgeATrialAfterAsMuchWorkAsItsPeers() {
        var pruner = PrunerSpec()
        pruner.minEpochs = 4
        pruner.reductionFactor = 2
        pruner.resource = .kEpochs
        // Three peers of the smallest k (scale 1): validation RMSE 1 + i − 0.01·epoch for 16 epochs.
        var history = (0 ..< 3).map { i in
            PruningPeer(curve: (1 ... 16).map { 1 + Double(i) - 0.01 * Double($0) }, ranToEnd: false, scale: 1)
        }
        // A peer with twice that k, pruned after 3 epochs: known after 4 units (its epoch 2), not after 8.
        history.append(PruningPeer(curve: [0.5, 0.4, 0.3], ranToEnd: false, scale: 2))
        // Rungs at 4, 8 and 16 units. A trial with 4× the smallest k meets them after epochs 1, 2 and 4.
        // Units 4: 0.96, 1.96, 2.96, 0.4 → keep 2 → 0.96; units 8: 0.92, 1.92, 2.92 → 1.92; 16: 1.84.
        let rule = PruningRule.make(pruner, maxEpochs: 10, history: history, scale: 4)
        #expect(rule.thresholds == [1: 0.96, 2: 1.92, 4: 1.84])
        // A peer's own scale: the smallest-k trial meets the same rungs after 4, 8 and 16 epochs (16 ≥ 10: none).
        #expect(PruningRule.make(pruner, maxEpochs: 10, history: history, scale: 1).thresholds == [4: 0.96, 8: 1.92])
    }

    @Test func wavesStartWithTheTrialsTheFirstThresholdNeeds() {
        var search = SearchSpec()
        search.trials = 64
        search.pruner.reductionFactor = 3
        #expect(search.waves.map(\.count) == [3, 6, 8, 8, 8, 8, 8, 8, 7])
        #expect(search.waves.first?.lowerBound == 0 && search.waves.last?.upperBound == 64)
        search.pruner.kind = .median
        #expect(search.waves.map(\.count) == [5, 8, 8, 8, 8, 8, 8, 8, 3])
        search.pruner.kind = .none
        #expect(search.waves.map(\.count) == Array(repeating: 8, count: 8))
    }

    @Test func theMedianRuleComparesWithTheMedianOfEarlierTrials() {
        var pruner = PrunerSpec()
        pruner.kind = .median
        pruner.minEpochs = 1
        let history: [[Double]] = [[1, 0.9], [2, 0.8], [3, 0.7], [4, 0.6], [5, 0.5], [6]]
        let rule = PruningRule.make(pruner, maxEpochs: 3, history: history.map { PruningPeer(curve: $0, ranToEnd: false) })
        #expect(rule.thresholds[1] == 3.5)  // six values: (3 + 4) / 2
        #expect(rule.thresholds[2] == 0.7)  // best so far 0.9, 0.8, 0.7, 0.6, 0.5
        #expect(rule.pruningEpoch(of: [3, 0.85]) == 2)
    }

    // MARK: Planning from completed waves only

    @Test func aWaveIsProposedFromCompletedWavesOnly() throws {
        let spec = try LabFixtures.spec(Self.searchSpecText())
        let plan = SearchPlan(spec: spec, fingerprint: "f")
        let study = plan.studies[0]
        func outcome(_ trial: SearchTrial, objective: Double) -> TrialOutcome {
            TrialOutcome(status: .done, curve: [objective + 0.2, objective], epochSeconds: [1, 1], prunedAtEpoch: nil, metrics: [:])
        }
        // Only wave 0 has ended: wave 1 is proposed, wave 2 is not.
        let partial = try plan.waves(of: study) { trial, _ in trial.wave == 0 ? outcome(trial, objective: Double(trial.index)) : nil }
        #expect(partial.count == 2)
        // Waves 0-1 are the same whatever wave 1's outcomes turn out to be; wave 2 depends on them.
        let a = try plan.waves(of: study) { trial, _ in outcome(trial, objective: Double(trial.index)) }
        let b = try plan.waves(of: study) { trial, _ in outcome(trial, objective: trial.wave == 1 ? -Double(trial.index) : Double(trial.index)) }
        #expect(a.count == 4 && b.count == 4)  // waves of 2 (η), 4, 4, 2
        #expect(a.prefix(2).map { $0.trials.map(\.job.key) } == partial.map { $0.trials.map(\.job.key) })
        #expect(b.prefix(2).map { $0.trials.map(\.job.key) } == partial.map { $0.trials.map(\.job.key) })
        #expect(a[2].trials.map(\.job.key) != b[2].trials.map(\.job.key))
        // The first wave has no history, so no pruning; later waves get rules.
        #expect(a[0].trials.allSatisfy { $0.job.pruning == .never })
        #expect(a[1].trials.allSatisfy { !($0.job.pruning?.thresholds.isEmpty ?? true) })
    }

    @Test func theSpecOfTheIssueParses() throws {
        let text = """
        {"name": "fair_comparison", "description": "Each model tuned with the same budget on validation, then compared on fresh seeds.",
         "dataset": "ml-100k", "base": {"epochs": 200, "patience": 10},
         "search": {"sampler": "tpe", "trials": 64, "seed": 0, "protocols": ["warm", "heldout"],
                    "pruner": {"kind": "successive_halving", "min_epochs": 5, "reduction_factor": 3},
                    "final_seeds": [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]},
         "models": [
           {"model": "mfae", "space": {"k": {"choice": [8, 16, 32, 64, 128]}, "lr": {"log_uniform": [1e-4, 3e-2]},
              "c_vector": {"log_uniform": [1e-8, 1e-3]}, "mask_fraction": {"uniform": [0, 0.9]},
              "init_scale": {"log_uniform": [1e-6, 1e-1]}}},
           {"model": "mf", "base": {"regularization": "per_example"},
            "space": {"k": {"choice": [8, 16, 32, 64, 128]}, "lr": {"log_uniform": [1e-4, 3e-2]},
              "c_vector": {"log_uniform": [1e-3, 1]}, "init_scale": {"log_uniform": [1e-3, 3e-1]}}}
         ]}
        """
        let spec = try LabFixtures.spec(text)
        #expect(spec.search?.trials == 64 && spec.search?.finalSeeds.count == 10 && spec.search?.sampler == .tpe)
        #expect(spec.models.map(\.model) == [.mfae, .mf] && spec.models[1].space.dimensions.map(\.key) == ["c_vector", "init_scale", "k", "lr"])
        #expect(try spec.expand().runs.isEmpty)
        #expect(SearchPlan(spec: spec, fingerprint: "f").studies.map(\.description) == ["mfae warm", "mfae heldout", "mf warm", "mf heldout"])
    }

    @Test func badSearchesAreRefusedWithTheirPaths() throws {
        let text = """
        {"name": "bad", "dataset": "synthetic",
         "search": {"sampler": "grid", "trials": 0, "protocols": ["warm", "warm"], "pruner": {"kind": "hyperband", "reduction_factor": 1, "resource": "seconds"}},
         "models": [{"model": "mf", "space": {"k": {"uniform": [1, 8]}, "lr": {"log_uniform": [0, 1]}, "c_vector": {"gauss": [0, 1]},
                     "mask_fraction": {"choice": [0.5, 1.5]}, "seed": {"choice": [1]}, "protocol": {"choice": ["warm"]}}}]}
        """
        do {
            _ = try LabFixtures.spec(text)
            Issue.record("accepted")
        } catch let LabError.invalidSpec(_, problems) {
            let paths = Set(problems.compactMap(\.path))
            for path in ["search.sampler", "search.trials", "search.protocols[1]", "search.pruner.kind", "search.pruner.reduction_factor",
                         "search.pruner.resource", "search.final_seeds", "models[0].space.k.uniform", "models[0].space.lr.log_uniform",
                         "models[0].space.c_vector.gauss", "models[0].space.mask_fraction.choice[1]",
                         "models[0].space.seed", "models[0].space.protocol"] {
                #expect(paths.contains(path), "no problem at \(path): \(problems)")
            }
        }
    }

    // MARK: Running

    /// Every trial and final run of a search: key, status, metrics.
    static func snapshot(_ store: any RunStore) throws -> [String: String] {
        var result: [String: String] = [:]
        for run in try store.runs(RunFilter()) {
            let metrics = run.metrics.keys.sorted().filter { !$0.contains("second") && !$0.contains("_ms") }.map { "\($0)=\(run.metrics[$0] ?? 0)" }
            result[run.key] = "\(run.label) \(run.status) " + metrics.joined(separator: ",")
        }
        return result
    }

    static func runSearch(_ store: any RunStore, jobs: Int, text: String = searchSpecText(),
                          train: @escaping TrainFunction = TrainFunctions.trainer) throws -> SweepSummary {
        let spec = try LabFixtures.spec(text)
        let runner = SweepRunner(store: store, options: .init(jobs: jobs), train: train)
        return try SearchRunner(store: store, runner: runner).run(spec: spec, specText: text, data: data,
                                                                  fingerprint: data.fingerprint)
    }

    @Test func trialsPruningAndFinalsAreTheSameWithOneOrTwoJobs() throws {
        let one = InMemoryRunStore(), two = InMemoryRunStore()
        let first = try Self.runSearch(one, jobs: 1)
        _ = try Self.runSearch(two, jobs: 2)
        let a = try Self.snapshot(one), b = try Self.snapshot(two)
        #expect(a == b)
        // 4 studies × 12 trials + 4 × 2 final runs.
        #expect(a.count == 4 * 12 + 4 * 2)
        #expect(first.prunedNow > 0 && first.prunedNow == a.values.filter { $0.contains(" pruned") }.count)
        let runs = try one.runs(RunFilter())
        #expect(runs.filter { $0.label.contains("winner") }.map(\.configuration.seed).sorted() == [10, 10, 10, 10, 11, 11, 11, 11])
        #expect(runs.filter { $0.status == .pruned }.allSatisfy { (try? one.scalars(runID: $0.id).isEmpty) == false })
    }

    @Test func aSearchKilledMidwayResumesToTheSameResult() throws {
        let reference = InMemoryRunStore()
        _ = try Self.runSearch(reference, jobs: 1)
        let store = try StoreKind.sqlite.make()
        // A trainer that gives up (as Ctrl-C does) after 15 trainings, in the middle of wave 1.
        let counter = CallCounter()
        let interrupting: TrainFunction = { configuration, data, isCancelled, observer in
            if counter.next() > 15 { throw TrainingError.cancelled }
            return try TrainFunctions.trainer(configuration, data, isCancelled, observer)
        }
        let cut = try Self.runSearch(store, jobs: 2, train: interrupting)
        #expect(cut.interrupted > 0)
        _ = try Self.runSearch(store, jobs: 2)
        #expect(try Self.snapshot(store) == Self.snapshot(reference))
    }

    @Test func anAuditedSearchMakesTheSameDecisionsAndRunsPrunedTrialsToTheEnd() throws {
        let real = InMemoryRunStore(), audited = InMemoryRunStore()
        _ = try Self.runSearch(real, jobs: 2)
        let auditText = Self.searchSpecText(pruner: #"{"kind": "successive_halving", "min_epochs": 2, "reduction_factor": 2, "audit": true}"#)
        _ = try Self.runSearch(audited, jobs: 2, text: auditText)
        let spec = try LabFixtures.spec(Self.searchSpecText()), auditSpec = try LabFixtures.spec(auditText)
        let data = Self.data
        for (study, auditStudy) in zip(SearchPlan(spec: spec, fingerprint: data.fingerprint).studies,
                                       SearchPlan(spec: auditSpec, fingerprint: data.fingerprint).studies) {
            let a = try SearchResults.endedTrials(of: study, in: SearchPlan(spec: spec, fingerprint: data.fingerprint)) {
                try SearchResults.outcome(of: $0, rule: $1, in: real)
            }
            let b = try SearchResults.endedTrials(of: auditStudy, in: SearchPlan(spec: auditSpec, fingerprint: data.fingerprint)) {
                try SearchResults.outcome(of: $0, rule: $1, in: audited)
            }
            guard let a, let b else { Issue.record("unfinished"); continue }
            #expect(a.map(\.0.values) == b.map(\.0.values))
            #expect(a.map(\.1.prunedAtEpoch) == b.map(\.1.prunedAtEpoch))
            #expect(b.allSatisfy { $0.1.status == .done })
            #expect(b.map(\.1.prunedSeconds).reduce(0, +) <= b.map(\.1.fullSeconds).reduce(0, +))
        }
    }
}

/// A thread-safe counter.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}
