import MFAECore

/// An experiment's runs organised for a report: grouped by configuration, with the best
/// configuration of each model chosen on validation RMSE.
public struct ExperimentAnalysis: Sendable {
    /// The experiment.
    public var experiment: ReportExperiment
    /// Every run, usable or not, ordered by id.
    public var runs: [ReportRun]
    /// Usable runs grouped by configuration, in the fixed group order.
    public var groups: [ConfigurationGroup]
    /// Titles of the data set's items in `ItemIndex` order, when known.
    public var itemTitles: [String]?
    /// The experiment's search, when its spec has one; its trials and final runs are left out of
    /// ``groups`` (the search's own verdict covers them).
    public var search: SearchAnalysis?

    /// Groups `runs` of `experiment`.
    public init(experiment: ReportExperiment, runs: [ReportRun], itemTitles: [String]?, search: SearchAnalysis? = nil) {
        self.experiment = experiment
        self.runs = runs.sorted { $0.id < $1.id }
        self.groups = ConfigurationGroup.grouping(search.map { search in runs.filter { !search.runIDs.contains($0.id) } } ?? runs)
        self.itemTitles = itemTitles
        self.search = search
    }

    /// Models with at least one usable run, in report order.
    public var models: [ModelKind] {
        ModelKind.reportOrder.filter { model in groups.contains { $0.model == model } }
    }

    /// Protocols with at least one usable run, in report order.
    public var protocols: [EvaluationProtocol] {
        EvaluationProtocol.reportOrder.filter { item in groups.contains { $0.evaluationProtocol == item } }
    }

    /// The groups of `model` under `evaluationProtocol`, in group order.
    public func groups(of model: ModelKind, in evaluationProtocol: EvaluationProtocol) -> [ConfigurationGroup] {
        groups.filter { $0.model == model && $0.evaluationProtocol == evaluationProtocol }
    }

    /// The group of `model` under `evaluationProtocol` with the lowest mean validation RMSE across
    /// seeds, among those that `isIncluded`; ties go to the first in group order. The test set plays
    /// no part in the choice.
    public func bestGroup(of model: ModelKind, in evaluationProtocol: EvaluationProtocol,
                          where isIncluded: (ConfigurationGroup) -> Bool = { _ in true }) -> ConfigurationGroup? {
        var best: (group: ConfigurationGroup, validRMSE: Double)?
        for group in groups(of: model, in: evaluationProtocol) where isIncluded(group) {
            guard let mean = group.summary(of: .validRMSE)?.mean else { continue }
            if let current = best, current.validRMSE <= mean { continue }
            best = (group, mean)
        }
        return best?.group
    }

    /// The parameters whose value varies among the usable runs of `model` (any protocol), in
    /// parameter order.
    public func sweptParameters(of model: ModelKind) -> [ConfigurationKey] {
        let modelGroups = groups.filter { $0.model == model }
        return ConfigurationKey.reportParameters.filter { parameter in
            Set(modelGroups.map { $0.value(of: parameter) }).count > 1
        }
    }

    /// The parameters swept for any model, in parameter order.
    public var sweptParameters: [ConfigurationKey] {
        let swept = Set(models.flatMap { sweptParameters(of: $0) })
        return ConfigurationKey.reportParameters.filter(swept.contains)
    }
}
