import MFAECore
import MFAELab

/// Usable runs that share a configuration but for the seed: the replicates every mean, standard
/// deviation and paired test is taken over.
public struct ConfigurationGroup: Sendable, Equatable {
    /// The shared configuration, canonicalized, with the seed reset to 0.
    public var configuration: TrainingConfiguration
    /// One run per seed, in ascending seed order.
    public var runs: [ReportRun]

    /// The model of every run.
    public var model: ModelKind { configuration.model }
    /// The protocol of every run.
    public var evaluationProtocol: EvaluationProtocol { configuration.evaluationProtocol }
    /// The seeds, ascending.
    public var seeds: [UInt64] { runs.map(\.seed) }

    /// `metric` of each run that measured it, in seed order.
    public func values(of metric: MetricName) -> [Double] {
        runs.compactMap { $0.value(of: metric) }
    }

    /// `metric` by seed, for the runs that measured it.
    public func valuesBySeed(of metric: MetricName) -> [UInt64: Double] {
        var result: [UInt64: Double] = [:]
        for run in runs { if let value = run.value(of: metric) { result[run.seed] = value } }
        return result
    }

    /// Mean, sd and 95% CI of `metric` across seeds; `nil` when no run measured it.
    public func summary(of metric: MetricName) -> SampleSummary? {
        SampleSummary(values(of: metric))
    }

    /// The value of `parameter` in the shared configuration.
    public func value(of parameter: ConfigurationKey) -> ParameterValue {
        parameter.reportValue(in: configuration)
    }

    /// `k=10, mask_fraction=0.5` for the given parameters; `defaults` when there are none.
    public func label(_ parameters: [ConfigurationKey]) -> String {
        guard !parameters.isEmpty else { return "defaults" }
        return parameters.map { "\($0.name)=\(value(of: $0).label)" }.joined(separator: ", ")
    }

    /// The usable runs of `runs` grouped by configuration. When a configuration and seed were run
    /// more than once, the run with the smallest id is kept. Groups come in a fixed order: model,
    /// protocol, then every parameter's value.
    public static func grouping(_ runs: [ReportRun]) -> [ConfigurationGroup] {
        var bySetting: [TrainingConfiguration: [UInt64: ReportRun]] = [:]
        for run in runs where run.isUsable {
            var key = run.configuration.canonicalized()
            key.seed = 0
            if let existing = bySetting[key]?[run.seed], existing.id <= run.id { continue }
            bySetting[key, default: [:]][run.seed] = run
        }
        let groups = bySetting.map { configuration, bySeed in
            ConfigurationGroup(configuration: configuration,
                               runs: bySeed.keys.sorted().compactMap { bySeed[$0] })
        }
        return groups.sorted { $0.precedes($1) }
    }

    /// The fixed order of groups: model and protocol in report order, then parameter values.
    func precedes(_ other: ConfigurationGroup) -> Bool {
        let modelRank = ModelKind.reportOrder.firstIndex(of: model) ?? 0
        let otherModelRank = ModelKind.reportOrder.firstIndex(of: other.model) ?? 0
        if modelRank != otherModelRank { return modelRank < otherModelRank }
        let protocolRank = EvaluationProtocol.reportOrder.firstIndex(of: evaluationProtocol) ?? 0
        let otherProtocolRank = EvaluationProtocol.reportOrder.firstIndex(of: other.evaluationProtocol) ?? 0
        if protocolRank != otherProtocolRank { return protocolRank < otherProtocolRank }
        for parameter in ConfigurationKey.reportParameters {
            let mine = value(of: parameter)
            let theirs = other.value(of: parameter)
            if mine != theirs { return mine < theirs }
        }
        return false
    }
}
