import Foundation
import MFAECore
import MFAELab

/// A parallel-coordinates plot (gnuplot's `parallelaxes`) of a study's best quarter of trials:
/// one vertical axis per searched key (log₁₀ of log-uniform keys, since gnuplot's parallel axes
/// have no log scale; positions for categorical choices) and a last axis of validation RMSE; one
/// line per trial, the winner drawn dark and thick. Where the good trials' lines converge, the
/// key matters; where they spread, it does not.
enum ParallelCoordinatesPlot {
    /// `parallel-<model>-<protocol>`.
    static func name(_ study: SearchStudyResult) -> String {
        "parallel-\(study.study.model.rawValue)-\(study.study.evaluationProtocol.rawValue)"
    }

    /// The script and data; nil without a searched key or an eligible trial.
    static func make(_ study: SearchStudyResult, experiment: String) -> PlotScript? {
        let dimensions = study.space.dimensions
        let best = study.bestQuarter
        guard !dimensions.isEmpty, !best.isEmpty else { return nil }
        let name = name(study)
        let axisCount = dimensions.count + 1
        let winnerColor = 0x000000
        let otherColor = Int(study.study.model.plotColor.dropFirst(), radix: 16) ?? 0x0072B2
        var data = ["# The best quarter of the trials of \(study.study) (\(best.count) of \(study.trials.count)), experiment \(experiment).",
                    "# Columns: " + dimensions.map { ($0.distribution.isLogScale ? "log10 " : "") + $0.key }.joined(separator: ", ")
                        + ", validation RMSE, line colour (0xRRGGBB), trial."]
        for trial in best {
            var columns: [String] = dimensions.map { dimension in
                guard let value = trial.trial.values[dimension.key],
                      let x = dimension.distribution.plotCoordinate(of: value) else { return "NaN" }
                return NumberFormat.data(dimension.distribution.isLogScale ? log10(x) : x)
            }
            columns.append(NumberFormat.data(trial.outcome.objective))
            columns.append(String(trial.number == study.winner?.number ? winnerColor : otherColor))
            columns.append(String(trial.number))
            data.append(columns.joined(separator: " "))
        }
        var script = [GnuplotStyle.header(name: name, comment: "Parallel coordinates of the best trials: \(study.study), experiment \(experiment)",
                                          width: max(560, 150 * axisCount), height: 440)]
        script.append("set title \(GnuplotStyle.quoted("Best quarter of trials · \(study.study) (winner in black)")) noenhanced")
        script.append("set style data parallelaxes")
        script.append("set border 0")
        script.append("unset ytics")
        script.append("unset grid")
        // gnuplot draws each axis over its lines' extent only, so the space's range goes in the axis label.
        let names = dimensions.map { dimension -> String in
            let name = (dimension.distribution.isLogScale ? "log10 " : "") + dimension.key
            guard let range = axisRange(dimension.distribution), !dimension.distribution.isCategorical else { return name }
            return "\(name) [\(Distribution.number(range.lowerBound)), \(Distribution.number(range.upperBound))]"
        } + ["validation RMSE"]
        script.append("set xtics (" + names.enumerated().map { "\(GnuplotStyle.quoted($1)) \($0 + 1)" }.joined(separator: ", ")
            + ") noenhanced")
        script.append("set xrange [0.7:\(NumberFormat.data(Double(axisCount) + 0.3))]")
        for (index, dimension) in dimensions.enumerated() {
            let labels = dimension.distribution.categoryLabels
            if labels.isEmpty {
                script.append("set paxis \(index + 1) tics")
            } else {
                script.append("set paxis \(index + 1) tics (" + labels.enumerated().map { "\(GnuplotStyle.quoted($1)) \($0)" }
                    .joined(separator: ", ") + ")")
            }
            if let range = axisRange(dimension.distribution) {
                script.append("set paxis \(index + 1) range [\(NumberFormat.data(range.lowerBound)):\(NumberFormat.data(range.upperBound))]")
            }
        }
        script.append("set paxis \(axisCount) tics")
        // An explicit range, so that a single trial (or equal RMSEs) still reaches the last axis.
        let objectives = best.map(\.outcome.objective)
        if let low = objectives.min(), let high = objectives.max() {
            let pad = max(0.001, 0.05 * (high - low))
            script.append("set paxis \(axisCount) range [\(NumberFormat.data(low - pad)):\(NumberFormat.data(high + pad))]")
        }
        script.append("plot for [axis=1:\(axisCount)] '\(name).dat' using axis:\(axisCount + 1) linecolor rgb variable linewidth 1.5 notitle")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }

    /// An axis spans the key's whole space, so that a cluster at one end shows as such.
    static func axisRange(_ distribution: Distribution) -> ClosedRange<Double>? {
        switch distribution {
        case let .uniform(low, high): return low ... high
        case let .logUniform(low, high): return log10(low) ... log10(high)
        case let .intUniform(low, high): return Double(low) ... Double(high)
        case let .choice(values):
            if distribution.isCategorical { return -0.2 ... Double(values.count - 1) + 0.2 }
            let numbers = values.compactMap { value -> Double? in if case let .number(x) = value { return x } else { return nil } }
            guard let low = numbers.min(), let high = numbers.max(), low < high else { return nil }
            return low ... high
        }
    }
}
