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
        script.append("set title 'validation RMSE (mean ± sd across seeds)' noenhanced")
        script.append("set ylabel 'validation RMSE' noenhanced")
        script.append("plot " + layers(y: 2, low: 3, high: 4))
        script.append("set title 'train loss: MSE + L2 prior (mean ± sd)' noenhanced")
        script.append("set ylabel 'train loss' noenhanced")
        script.append("plot " + layers(y: 5, low: 6, high: 7))
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }
}
