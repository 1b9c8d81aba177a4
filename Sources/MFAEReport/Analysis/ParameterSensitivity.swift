import MFAECore

/// Test RMSE against one swept parameter: for each value, the best configuration with that value
/// (the other parameters chosen on validation RMSE), one series per model and protocol.
public struct ParameterSensitivity: Sendable {
    /// One line of the plot: a model under a protocol.
    public struct Series: Sendable {
        /// The model.
        public var model: ModelKind
        /// The protocol.
        public var evaluationProtocol: EvaluationProtocol
        /// One point per value of the parameter, in value order.
        public var points: [Point]

        /// `MFAE · warm`.
        public var title: String { "\(model.shortName) · \(evaluationProtocol.rawValue)" }
    }

    /// One value of the parameter.
    public struct Point: Sendable {
        /// The parameter's value.
        public var value: ParameterValue
        /// The best configuration with this value.
        public var group: ConfigurationGroup
        /// Its test RMSE across seeds.
        public var testRMSE: SampleSummary
    }

    /// The swept parameter.
    public var parameter: ConfigurationKey
    /// Every value any series has, in value order.
    public var values: [ParameterValue]
    /// The series, models in report order, then protocols.
    public var series: [Series]
    /// For `mask_fraction`: per protocol, the best masked autoencoder against the best unmasked one.
    public var maskingComparisons: [PairedComparison]

    /// How a parameter's values are laid out along the x axis of its plot.
    public enum Axis: Sendable, Equatable {
        /// Numbers at their value.
        case linear
        /// Positive numbers spanning a factor of 20 or more (learning rates, k from 1 to 50), at their logarithm.
        case logarithmic
        /// Evenly spaced, labelled: options, and numbers spanning a factor of 20 that include 0
        /// (`c_vector` of 0, 1e-6, 1e-4, 1e-2), which neither a linear nor a log axis can show.
        case categorical
    }

    /// The x axis of the plot.
    public var axis: Axis {
        guard parameter.isNumeric else { return .categorical }
        let positive = values.map(\.sortKey).filter { $0 > 0 }
        guard let low = positive.min(), let high = positive.max(), high / low >= 20 else { return .linear }
        return positive.count == values.count ? .logarithmic : .categorical
    }

    /// One sensitivity per swept parameter of `analysis`, in parameter order; parameters with no
    /// series (swept only across protocols, say) are left out.
    public static func make(_ analysis: ExperimentAnalysis) -> [ParameterSensitivity] {
        analysis.sweptParameters.compactMap { parameter in
            var series: [Series] = []
            for model in analysis.models where analysis.sweptParameters(of: model).contains(parameter) {
                for item in analysis.protocols {
                    let groups = analysis.groups(of: model, in: item)
                    let values = Set(groups.map { $0.value(of: parameter) }).sorted()
                    guard values.count > 1 else { continue }
                    let points = values.compactMap { value -> Point? in
                        guard let best = analysis.bestGroup(of: model, in: item, where: { $0.value(of: parameter) == value }),
                              let summary = best.summary(of: .testRMSE) else { return nil }
                        return Point(value: value, group: best, testRMSE: summary)
                    }
                    series.append(Series(model: model, evaluationProtocol: item, points: points))
                }
            }
            guard !series.isEmpty else { return nil }
            let values = Set(series.flatMap { $0.points.map(\.value) }).sorted()
            var masking: [PairedComparison] = []
            if parameter == .maskFraction {
                for item in analysis.protocols {
                    let zero = ParameterValue.float(0)
                    guard let masked = analysis.bestGroup(of: .mfae, in: item, where: { $0.value(of: parameter) != zero }),
                          let unmasked = analysis.bestGroup(of: .mfae, in: item, where: { $0.value(of: parameter) == zero })
                    else { continue }
                    masking.append(PairedComparison(masked, unmasked))
                }
            }
            return ParameterSensitivity(parameter: parameter, values: values, series: series, maskingComparisons: masking)
        }
    }
}
