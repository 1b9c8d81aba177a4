import Crypto
import Foundation
import MFAECore

/// A spec's search on loaded data: which studies this process runs, and, from what the store holds,
/// each study's trials wave by wave, their outcomes, winners and final runs.
///
/// Everything is a function of the spec, the data and the stored outcomes of completed waves: a wave
/// is proposed (and its pruning rules fixed) only when every trial of the earlier waves has ended,
/// and re-deriving it later (on resume, in another process, in a report) gives the same trials.
public struct SearchPlan: Sendable {
    public var spec: ExperimentSpec
    public var search: SearchSpec
    /// The loaded data's fingerprint.
    public var fingerprint: String
    /// The studies of this shard, in spec order (models, then protocols).
    public var studies: [SearchStudy]

    /// The search of `spec` on data with `fingerprint`; `shard` keeps every `count`-th study.
    public init(spec: ExperimentSpec, fingerprint: String, shard: Shard = .whole) {
        precondition(spec.search != nil, "a spec with a search")
        self.spec = spec
        self.search = spec.search ?? SearchSpec()
        self.fingerprint = fingerprint
        let all = spec.models.flatMap { model in
            (spec.search?.protocols ?? []).map { SearchStudy(model: model.model, evaluationProtocol: $0) }
        }
        studies = all.enumerated().filter { $0.offset % shard.count == shard.index }.map(\.element)
    }

    /// The configuration of `values` for `study` with `seed`: the spec's base, the model's base,
    /// the values, canonicalized.
    public func configuration(_ study: SearchStudy, values: [String: JSONValue], seed: UInt64) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        for (key, value) in spec.base { key.set(value, in: &configuration) }
        for (key, value) in spec.models.first(where: { $0.model == study.model })?.base ?? [:] {
            key.set(value, in: &configuration)
        }
        for (name, json) in values {
            guard let key = ConfigurationKey.named(name), let value = key.value(from: json) else {
                throw LabError.invalidValue(path: "models.space.\(name)", expected: "a value of \(name)")
            }
            key.set(value, in: &configuration)
        }
        configuration.model = study.model
        configuration.evaluationProtocol = study.evaluationProtocol
        configuration.seed = seed
        return configuration.canonicalized()
    }

    /// What makes a trial's result this search's own: its spec name and pruner. Part of trial keys,
    /// so a pruned trial is never taken for a complete run of the same configuration elsewhere.
    var trialContext: String {
        let p = search.pruner
        let resource = p.resource == .epochs ? "" : " per \(p.resource)"
        return "search \(spec.name) pruner \(p.kind) \(p.minEpochs) \(p.reductionFactor)\(resource) audit \(p.audit)"
    }

    /// A trial's work per epoch in the pruner's resource: 1 for epochs; its k over the smallest k of
    /// its model's space (or 1 when k is not searched) for k_epochs.
    func pruningScale(of configuration: TrainingConfiguration, space: SearchSpace) -> Double {
        guard search.pruner.resource == .kEpochs, let smallest = space.distribution(of: ConfigurationKey.k.name)?.smallestNumber,
              smallest > 0 else { return 1 }
        return Double(configuration.k) / smallest
    }

    /// The trials of `study` wave by wave, as far as the stored outcomes allow: wave `w` is included
    /// only when every trial of waves `< w` has an ended outcome. `outcome` looks a trial up by its
    /// run key and pruning rule (each trial has its own, ``PlannedJob/pruning``).
    public func waves(of study: SearchStudy, outcome: (SearchTrial, PruningRule) throws -> TrialOutcome?) throws
        -> [(trials: [SearchTrial], outcomes: [TrialOutcome?])] {
        guard let model = spec.models.first(where: { $0.model == study.model }) else { return [] }
        var result: [(trials: [SearchTrial], outcomes: [TrialOutcome?])] = []
        var observations: [TrialObservation] = []
        var peers: [PruningPeer] = []
        for (wave, indices) in search.waves.enumerated() {
            var trials: [SearchTrial] = []
            for index in indices {
                let values = TrialSampler.propose(search, space: model.space, study: study.description, index: index,
                                                  observations: observations)
                let configuration = try self.configuration(study, values: values, seed: search.splitSeed)
                let hash = RunKey.configurationHash(configuration)
                let plainKey = RunKey.make(configuration: configuration, datasetFingerprint: fingerprint)
                let key = RunKey.hex(SHA256.hash(data: Data((plainKey + "\n" + trialContext).utf8)))
                let label = "\(study) trial \(index): " + Self.describe(values)
                let run = PlannedRun(configuration: configuration, configurationHash: hash, group: study.trialGroup,
                                     label: label)
                // Its rule comes from the completed waves only (`peers`), fixed before any trial of this wave ends.
                let rule = PruningRule.make(search.pruner, maxEpochs: configuration.epochs, history: peers,
                                            scale: pruningScale(of: configuration, space: model.space))
                let job = PlannedJob(run: run, key: key, pruning: rule, auditsPruning: search.pruner.audit)
                trials.append(SearchTrial(study: study, index: index, wave: wave, values: values, job: job))
            }
            let outcomes = try trials.map { try outcome($0, $0.job.pruning ?? .never) }
            result.append((trials, outcomes))
            guard outcomes.allSatisfy({ $0 != nil }) else { break }
            for (trial, ended) in zip(trials, outcomes) {
                guard let ended else { continue }
                observations.append(TrialObservation(values: trial.values, objective: ended.objective))
                peers.append(PruningPeer(curve: ended.visibleCurve, ranToEnd: ended.status == .done && !ended.isPruned,
                                         scale: pruningScale(of: trial.job.run.configuration, space: model.space)))
            }
        }
        return result
    }

    /// The trial with the lowest objective among those not pruned (lowest index on ties), or nil.
    public static func winner(of trials: [(SearchTrial, TrialOutcome)], unpruned: Bool = false) -> (SearchTrial, TrialOutcome)? {
        let candidates = trials.filter { unpruned ? $0.1.status == .done : ($0.1.status == .done && !$0.1.isPruned) }
        return candidates.min { a, b in
            let x = unpruned ? a.1.unprunedObjective : a.1.objective, y = unpruned ? b.1.unprunedObjective : b.1.objective
            return x != y ? x < y : a.0.index < b.0.index
        }
    }

    /// The final runs of a winner: its configuration on each final seed (fresh splits).
    public func finalJobs(for trial: SearchTrial, group: String) throws -> [PlannedJob] {
        try search.finalSeeds.map { seed in
            let configuration = try self.configuration(trial.study, values: trial.values, seed: seed)
            let run = PlannedRun(configuration: configuration, configurationHash: RunKey.configurationHash(configuration),
                                 group: group, label: "\(trial.study) winner (trial \(trial.index)) seed=\(seed)")
            return PlannedJob(run: run, key: RunKey.make(configuration: configuration, datasetFingerprint: fingerprint))
        }
    }

    /// `c_vector=1.2e-05 k=32 lr=0.0041`: values with three significant digits, keys sorted.
    public static func describe(_ values: [String: JSONValue]) -> String {
        values.keys.sorted().map { key -> String in
            guard let value = values[key] else { return key }
            if case let .number(x) = value {
                return x == x.rounded() && abs(x) < 1e9 ? "\(key)=\(Int(x))" : "\(key)=\(String(format: "%.3g", x))"
            }
            return "\(key)=\(value)"
        }.joined(separator: " ")
    }
}
