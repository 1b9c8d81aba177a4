import MFAECore
import MFAELab

/// New-user accuracy by history length under `heldout`: test RMSE with only the first n given
/// ratings of each test user, for the best configuration of each model (chosen on validation RMSE,
/// as in the headline) and for the item-bias + user-offset baseline on the same subsets, mean and
/// sd across seeds. Also the fold-in throughput of the latent models.
public struct ColdStartComparison: Sendable {
    /// One curve.
    public struct Series: Sendable {
        /// Display title: a model's name, or the baseline's.
        public var title: String
        /// The model whose runs measured it (the baseline: the runs it was read from).
        public var model: ModelKind
        /// Whether this is the item-bias + user-offset baseline rather than the model itself.
        public var isBaseline: Bool
        /// Test RMSE across seeds by history length, in ``ColdStartComparison/historyLengths`` order;
        /// nil where no run measured it.
        public var points: [SampleSummary?]
    }

    /// One latent model's fold-in cost: per user on one thread, users per second on every core.
    public struct Throughput: Sendable {
        /// The model.
        public var model: ModelKind
        /// Milliseconds per user on one thread, across seeds.
        public var millisecondsPerUser: SampleSummary?
        /// Users per second on one thread, measured like ``usersPerSecond``, across seeds.
        public var usersPerSecondOneThread: SampleSummary?
        /// Users per second with every core folding in, across seeds.
        public var usersPerSecond: SampleSummary?
        /// The threads of ``usersPerSecond``.
        public var threads: Int?
    }

    /// The history lengths, as ``ColdStartEvaluation/historyLengths`` (nil: all).
    public static let historyLengths = ColdStartEvaluation.historyLengths

    /// The curves: each model's best configuration in report order, then the baseline.
    public var series: [Series]
    /// Fold-in throughput of the latent models.
    public var throughput: [Throughput]

    /// The report metric of a model's point at `given`, or the baseline's.
    public static func metric(given: Int?, baseline: Bool) -> MetricName? {
        baseline ? MetricName.coldStartBaselineRMSE(given: given) : MetricName.coldStartRMSE(given: given)
    }

    /// The comparison of `analysis`'s heldout runs; nil when none measured a cold-start curve.
    public static func make(_ analysis: ExperimentAnalysis) -> ColdStartComparison? {
        var series: [Series] = []
        var throughput: [Throughput] = []
        var baseline: Series?
        // The global mean's curve is flat and far above the rest: it says nothing about new users.
        for model in ModelKind.reportOrder where model != .globalMean {
            guard let group = analysis.bestGroup(of: model, in: .heldout) else { continue }
            let points = historyLengths.map { n in metric(given: n, baseline: false).flatMap { group.summary(of: $0) } }
            guard points.contains(where: { $0 != nil }) else { continue }
            series.append(Series(title: model.displayName, model: model, isBaseline: false, points: points))
            if baseline == nil {
                let reference = historyLengths.map { n in metric(given: n, baseline: true).flatMap { group.summary(of: $0) } }
                if reference.contains(where: { $0 != nil }) {
                    baseline = Series(title: "item bias + user offset", model: model, isBaseline: true, points: reference)
                }
            }
            if model.isLatent {
                throughput.append(Throughput(model: model, millisecondsPerUser: group.summary(of: .foldInMillisecondsPerUser),
                                             usersPerSecondOneThread: group.summary(of: .foldInUsersPerSecondOneThread),
                                             usersPerSecond: group.summary(of: .foldInUsersPerSecond),
                                             threads: group.values(of: .foldInThreads).first.map { Int($0) }))
            }
        }
        if let baseline { series.append(baseline) }
        guard !series.isEmpty else { return nil }
        return ColdStartComparison(series: series, throughput: throughput)
    }

    /// Where the mean curves of `a` and `b` cross: the history lengths between which the sign of
    /// `a − b` changes (each pair: the last length with one sign, the first with the other).
    public static func crossings(_ a: Series, _ b: Series) -> [(before: Int?, after: Int?, aBetterAfter: Bool)] {
        var result: [(Int?, Int?, Bool)] = []
        var previous: (given: Int?, sign: Bool)?
        for (index, n) in historyLengths.enumerated() {
            guard let x = a.points[index]?.mean, let y = b.points[index]?.mean, x != y else { continue }
            let aBetter = x < y
            if let last = previous, last.sign != aBetter { result.append((last.given, n, aBetter)) }
            previous = (n, aBetter)
        }
        return result
    }
}
