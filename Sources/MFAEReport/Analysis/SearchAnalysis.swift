import Foundation
import MFAECore
import MFAELab

/// An experiment's search, read back for its report: the spec re-parsed from the stored text, the
/// plan rebuilt on the runs' data fingerprint, and each study's trials, winner and final runs.
public struct SearchAnalysis: Sendable {
    /// The experiment's spec.
    public var spec: ExperimentSpec
    /// Its search.
    public var search: SearchSpec
    /// One result per study, in spec order (models, then protocols).
    public var studies: [SearchStudyResult]
    /// Other libraries' results, shown for reference.
    public var references: [ReferenceRow]
    /// Ids (run keys) of every trial and final run: the grid analysis leaves them out.
    public var runIDs: Set<String>

    /// The protocols searched, in report order.
    public var protocols: [EvaluationProtocol] {
        EvaluationProtocol.reportOrder.filter { item in studies.contains { $0.study.evaluationProtocol == item } }
    }

    /// The studies of `evaluationProtocol`, models in report order.
    public func studies(in evaluationProtocol: EvaluationProtocol) -> [SearchStudyResult] {
        ModelKind.reportOrder.compactMap { model in
            studies.first { $0.study.model == model && $0.study.evaluationProtocol == evaluationProtocol }
        }
    }

    /// The search of `experiment`, or nil when its spec has none (or no longer parses).
    /// - Parameters:
    ///   - runs: the experiment's runs; final runs are found among them by run key.
    ///   - outcome: a trial's outcome under its wave's rule (``SearchTrialSource/trialOutcome(_:rule:)``).
    public static func make(experiment: ReportExperiment, runs: [ReportRun], references: [ReferenceRow] = [],
                            outcome: (SearchTrial, PruningRule) throws -> TrialOutcome?) throws -> SearchAnalysis? {
        guard let spec = try? ExperimentSpec.parse(Data(experiment.specText.utf8), file: experiment.specFile ?? "spec"),
              let search = spec.search else { return nil }
        let plan = SearchPlan(spec: spec, fingerprint: experiment.datasetFingerprint)
        let runsByID = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var runIDs = Set<String>()
        var studies: [SearchStudyResult] = []
        for study in plan.studies {
            let waves = try plan.waves(of: study, outcome: outcome)
            var ended: [(SearchTrial, TrialOutcome)] = []
            for wave in waves {
                runIDs.formUnion(wave.trials.map(\.job.key))
                for (trial, result) in zip(wave.trials, wave.outcomes) {
                    if let result { ended.append((trial, result)) }
                }
            }
            let isComplete = ended.count == search.trials
            let audited = search.pruner.audit
            let winner = SearchPlan.winner(of: ended)
            let unpruned = audited ? SearchPlan.winner(of: ended, unpruned: true) : nil
            func finals(_ choice: (SearchTrial, TrialOutcome)?, group: String) throws -> ConfigurationGroup? {
                guard isComplete, let choice else { return nil }
                let jobs = try plan.finalJobs(for: choice.0, group: group)
                runIDs.formUnion(jobs.map(\.key))
                let found = jobs.compactMap { runsByID[$0.key] }.filter(\.isUsable).sorted { $0.seed < $1.seed }
                guard let first = jobs.first else { return nil }
                var configuration = first.run.configuration
                configuration.seed = 0
                return ConfigurationGroup(configuration: configuration, runs: found)
            }
            let finalGroup = try finals(winner, group: study.finalGroup)
            let differs = unpruned.map { $0.0.index != winner?.0.index } ?? false
            let unprunedFinalGroup = differs ? try finals(unpruned, group: study.unprunedFinalGroup) : nil
            let model = spec.models.first { $0.model == study.model }
            studies.append(SearchStudyResult(
                study: study, space: model?.space ?? SearchSpace([:]), plannedTrials: search.trials,
                trials: ended.map { SearchStudyResult.Trial(trial: $0.0, outcome: $0.1) }, isComplete: isComplete,
                isAudited: audited, winner: winner.map { .init(trial: $0.0, outcome: $0.1) },
                unprunedWinner: unpruned.map { .init(trial: $0.0, outcome: $0.1) },
                finalGroup: finalGroup, unprunedFinalGroup: unprunedFinalGroup))
        }
        return SearchAnalysis(spec: spec, search: search, studies: studies, references: references, runIDs: runIDs)
    }
}
