import MFAECore
import MFAELab

/// What the models cost: time per epoch and in total for the best configurations, fold-in time per
/// new user, and how many runs failed or diverged.
public struct CostSummary: Sendable {
    /// The cost of one model's best configuration under one protocol.
    public struct Row: Sendable {
        /// The model.
        public var model: ModelKind
        /// The protocol.
        public var evaluationProtocol: EvaluationProtocol
        /// The best configuration's runs.
        public var group: ConfigurationGroup
        /// Median seconds per epoch, across seeds.
        public var epochSeconds: SampleSummary?
        /// Seconds of the whole fit, across seeds.
        public var trainSeconds: SampleSummary?
        /// Epochs trained (early stopping included), across seeds.
        public var epochsTrained: SampleSummary?
        /// Milliseconds to fold in a new user, across seeds (heldout only).
        public var foldInMilliseconds: SampleSummary?
    }

    /// How the runs of one model ended.
    public struct StatusCount: Sendable, Equatable {
        /// The model.
        public var model: ModelKind
        /// Runs of every status.
        public var total: Int
        /// Runs by status, for the statuses that occur.
        public var byStatus: [RunStatus: Int]
        /// Wall seconds of all of the model's runs that recorded them.
        public var wallSeconds: Double

        /// The number of runs with `status`.
        public func count(_ status: RunStatus) -> Int { byStatus[status] ?? 0 }
    }

    /// Best-configuration costs, protocols in report order, then models.
    public var rows: [Row]
    /// Run outcomes per model, in report order.
    public var statusCounts: [StatusCount]
    /// Runs that failed, diverged or were interrupted, by id.
    public var failures: [ReportRun]

    /// The costs of `analysis`.
    public static func make(_ analysis: ExperimentAnalysis) -> CostSummary {
        let rows = analysis.protocols.flatMap { item in
            analysis.models.compactMap { model -> Row? in
                guard let group = analysis.bestGroup(of: model, in: item) else { return nil }
                let epochs = group.runs.filter { !$0.epochs.isEmpty }.map { Double($0.epochs.count) }
                return Row(model: model, evaluationProtocol: item, group: group,
                           epochSeconds: group.summary(of: .epochSecondsMedian), trainSeconds: group.summary(of: .trainSeconds),
                           epochsTrained: SampleSummary(epochs), foldInMilliseconds: group.summary(of: .foldInMillisecondsPerUser))
            }
        }
        let models = ModelKind.reportOrder.filter { model in analysis.runs.contains { $0.configuration.model == model } }
        let counts = models.map { model -> StatusCount in
            let runs = analysis.runs.filter { $0.configuration.model == model }
            var byStatus: [RunStatus: Int] = [:]
            var wall = 0.0
            for run in runs {
                byStatus[run.status, default: 0] += 1
                if let seconds = run.wallSeconds, seconds.isFinite { wall += seconds }
            }
            return StatusCount(model: model, total: runs.count, byStatus: byStatus, wallSeconds: wall)
        }
        let failures = analysis.runs.filter { [.failed, .diverged, .interrupted].contains($0.status) }
        return CostSummary(rows: rows, statusCounts: counts, failures: failures)
    }
}
