import Foundation
import MFAECore

/// The learning curves of one protocol: validation RMSE per epoch (mean line, ± sd band across
/// seeds) on the left, train loss on the right, one colour per model.
enum LearningCurvePlot {
    /// `learning-<protocol>`.
    static func name(_ evaluationProtocol: EvaluationProtocol) -> String { "learning-\(evaluationProtocol.rawValue)" }

    /// The script and data of `curves`, which all belong to `evaluationProtocol`.
    static func make(_ curves: [LearningCurve], evaluationProtocol: EvaluationProtocol, experiment: String) -> PlotScript {
        let name = name(evaluationProtocol)
        var data = ["# Learning curves under \(evaluationProtocol.rawValue), experiment \(experiment).",
                    "# One block per model (gnuplot index); columns: epoch, valid RMSE mean, mean − sd, mean + sd,",
                    "# train loss mean, mean − sd, mean + sd, seeds that reached the epoch."]
        for (index, curve) in curves.enumerated() {
            if index > 0 { data += ["", ""] }
            data.append("# \(curve.model.shortName): \(curve.group.runs.count) seeds")
            for point in curve.points {
                let validSD = point.validRMSE.standardDeviation ?? 0
                let lossSD = point.trainLoss.standardDeviation ?? 0
                data.append([Double(point.epoch), point.validRMSE.mean, point.validRMSE.mean - validSD,
                             point.validRMSE.mean + validSD, point.trainLoss.mean, point.trainLoss.mean - lossSD,
                             point.trainLoss.mean + lossSD].map(NumberFormat.data).joined(separator: " ")
                             + " \(point.validRMSE.count)")
            }
        }

        func layers(y: Int, low: Int, high: Int) -> String {
            curves.enumerated().map { index, curve in
                let color = curve.model.plotColor
                return "'\(name).dat' index \(index) using 1:\(low):\(high) with filledcurves"
                    + " fillcolor rgb '\(color)' fillstyle transparent solid 0.18 noborder notitle, \\\n     "
                    + "'' index \(index) using 1:\(y) with linespoints linecolor rgb '\(color)' linewidth 2"
                    + " pointtype 7 pointsize 0.5 title \(GnuplotStyle.quoted(curve.model.shortName))"
            }.joined(separator: ", \\\n     ")
        }

        var script = [GnuplotStyle.header(name: name, comment: "Learning curves under \(evaluationProtocol.rawValue): experiment \(experiment)",
                                          width: 960, height: 440)]
        script.append("set multiplot layout 1,2 title \(GnuplotStyle.quoted("Learning curves · \(evaluationProtocol.rawValue)")) noenhanced")
        script.append("set xlabel 'epoch'")
        let lastEpoch = curves.flatMap { $0.points.map(\.epoch) }.max() ?? 1
        script.append("set xtics \(lastEpoch > 15 ? (lastEpoch + 9) / 10 : 1)")
        script.append("set xrange [1:\(max(2, lastEpoch))]")
        // Band bottoms count too: a logarithmic axis cannot show a band reaching zero.
        let validRMSE = curves.flatMap { $0.points.flatMap { [$0.validRMSE.mean, $0.validRMSE.mean - ($0.validRMSE.standardDeviation ?? 0)] } }
        let trainLoss = curves.flatMap { $0.points.flatMap { [$0.trainLoss.mean, $0.trainLoss.mean - ($0.trainLoss.standardDeviation ?? 0)] } }
        script.append("set title 'validation RMSE (mean ± sd across seeds)\(logScaleNote(validRMSE))' noenhanced")
        script.append("set ylabel 'validation RMSE' noenhanced")
        script.append(yScale(validRMSE))
        script.append("plot " + layers(y: 2, low: 3, high: 4))
        script.append("set title 'train loss: MSE + L2 prior (mean ± sd)\(logScaleNote(trainLoss))' noenhanced")
        script.append("set ylabel 'train loss' noenhanced")
        script.append(yScale(trainLoss))
        script.append("plot " + layers(y: 5, low: 6, high: 7))
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }

    /// Whether a panel's values span a factor of 2 or more, so that a logarithmic axis keeps the
    /// late epochs, where models are compared, from being squashed by the first ones.
    static func prefersLogScale(_ values: [Double]) -> Bool {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard positive.count == values.count, let low = positive.min(), let high = positive.max() else { return false }
        return high / low >= 2
    }

    /// The y axis commands of a panel: linear and automatic, or logarithmic over the values' range
    /// (5% of a decade beyond it) with tics at 1, 2 and 5 times powers of ten (and 1.5, 3, 7 too when
    /// the range holds fewer than three of those).
    static func yScale(_ values: [Double]) -> String {
        guard prefersLogScale(values), let low = values.min(), let high = values.max() else {
            return "unset logscale y\nset yrange [*:*]\nset ytics autofreq"
        }
        let bottom = low / pow(10, 0.05)
        let top = high * pow(10, 0.05)
        func tics(_ mantissas: [Double]) -> [Double] {
            var result: [Double] = []
            var decade = pow(10, floor(log10(bottom)))
            while decade <= top {
                for mantissa in mantissas where (bottom ... top).contains(mantissa * decade) { result.append(mantissa * decade) }
                decade *= 10
            }
            return result
        }
        var values = tics([1, 2, 5])
        if values.count < 3 { values = tics([1, 1.5, 2, 3, 5, 7]) }
        let labels = values.map { "'\(NumberFormat.data($0))' \(NumberFormat.data($0))" }.joined(separator: ", ")
        return "set logscale y\nset yrange [\(NumberFormat.data(bottom)):\(NumberFormat.data(top))]\nset ytics (\(labels))"
    }

    /// `, log scale` for a panel drawn on a logarithmic axis.
    static func logScaleNote(_ values: [Double]) -> String {
        prefersLogScale(values) ? ", log scale" : ""
    }
}
