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
        script.append("set xtics \(niceStep(Double(lastEpoch) / 8))")
        script.append("set xrange [1:\(max(2, lastEpoch))]")
        let valid = yRange(curves.flatMap { $0.points.map { ($0.epoch, $0.validRMSE) } }, lastEpoch: lastEpoch)
        let loss = yRange(curves.flatMap { $0.points.map { ($0.epoch, $0.trainLoss) } }, lastEpoch: lastEpoch)
        script.append("set title 'validation RMSE, mean ± sd\(valid.note)' noenhanced")
        script.append("set ylabel 'validation RMSE' noenhanced")
        script.append(valid.command)
        script.append("plot " + layers(y: 2, low: 3, high: 4))
        script.append("set title 'train loss (MSE + L2), mean ± sd\(loss.note)' noenhanced")
        script.append("set ylabel 'train loss' noenhanced")
        script.append(loss.command)
        script.append("plot " + layers(y: 5, low: 6, high: 7))
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }

    /// The y range of a panel. The first epochs' errors can be several times the rest, squashing the
    /// later epochs, where the models are compared, into a line at the bottom. So when the top of the
    /// bands after the first tenth of training (at least the first two epochs) is below 85% of the
    /// overall top, the range stops just above it and the early epochs leave the plot at the top,
    /// which the panel's title says.
    static func yRange(_ points: [(epoch: Int, summary: SampleSummary)], lastEpoch: Int) -> (command: String, note: String) {
        let automatic = (command: "set yrange [*:*]", note: "")
        func top(_ point: (epoch: Int, summary: SampleSummary)) -> Double {
            point.summary.mean + (point.summary.standardDeviation ?? 0)
        }
        func bottom(_ point: (epoch: Int, summary: SampleSummary)) -> Double {
            point.summary.mean - (point.summary.standardDeviation ?? 0)
        }
        let cutoff = max(2, lastEpoch / 10)
        let later = points.filter { $0.epoch > cutoff }
        guard let overallTop = points.map(top).filter(\.isFinite).max(),
              let laterTop = later.map(top).filter(\.isFinite).max(),
              let low = later.map(bottom).filter(\.isFinite).min(),
              laterTop < 0.85 * overallTop, laterTop > low else { return automatic }
        let upper = laterTop + 0.15 * (laterTop - low)
        return ("set yrange [*:\(NumberFormat.data(upper))]", " · early epochs off scale")
    }

    /// A round tic step at least `raw`: 1, 2 or 5 times a power of ten.
    static func niceStep(_ raw: Double) -> Int {
        var decade = 1
        while true {
            for mantissa in [1, 2, 5] where mantissa * decade >= Int(raw.rounded(.up)) { return mantissa * decade }
            decade *= 10
        }
    }
}
