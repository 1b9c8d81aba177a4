import MFAECore

/// The plot of test RMSE (mean with sd error bars across seeds) against a swept parameter: one line
/// per model and protocol, colour by model, dash and marker by protocol.
enum SensitivityPlot {
    /// `sensitivity-<key>`.
    static func name(_ parameter: ConfigurationKey) -> String { "sensitivity-\(parameter.name)" }

    /// The script and data of `sensitivity`, on its ``ParameterSensitivity/axis``: numbers at their
    /// value (or logarithm); categories at positions 0, 1, … with their labels as tics, the series
    /// nudged sideways so that error bars do not overlap.
    static func make(_ sensitivity: ParameterSensitivity, experiment: String) -> PlotScript {
        let parameter = sensitivity.parameter
        let name = name(parameter)
        let positions = Dictionary(uniqueKeysWithValues: sensitivity.values.enumerated().map { ($1, $0) })
        let seriesCount = sensitivity.series.count
        let nudge = 0.06

        var data = ["# Test RMSE against \(parameter.name), experiment \(experiment).",
                    "# One block per series (gnuplot index); columns: x, mean, sd (0 for one seed), seeds, value."]
        for (index, series) in sensitivity.series.enumerated() {
            if index > 0 { data += ["", ""] }
            data.append("# \(series.title)")
            for point in series.points {
                let x: Double
                if sensitivity.axis != .categorical {
                    x = point.value.sortKey
                } else {
                    let position = Double(positions[point.value] ?? 0)
                    x = position + (Double(index) - Double(seriesCount - 1) / 2) * nudge
                }
                data.append([NumberFormat.data(x), NumberFormat.data(point.testRMSE.mean),
                             NumberFormat.data(point.testRMSE.standardDeviation ?? 0),
                             String(point.testRMSE.count), GnuplotStyle.dataLabel(point.value.label)].joined(separator: " "))
            }
        }

        var script = [GnuplotStyle.header(name: name, comment: "Test RMSE against \(parameter.name): experiment \(experiment)")]
        script.append("set title \(GnuplotStyle.quoted("Test RMSE against \(parameter.name)")) noenhanced")
        script.append("set xlabel \(GnuplotStyle.quoted(parameter.name)) noenhanced")
        script.append("set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced")
        if sensitivity.axis != .categorical {
            if sensitivity.axis == .logarithmic {
                script.append("set logscale x 10")
            }
            script.append("set xtics (" + sensitivity.values.map { "\(GnuplotStyle.quoted($0.label)) \(NumberFormat.data($0.sortKey))" }
                .joined(separator: ", ") + ") noenhanced")
            script.append("set offsets graph 0.05, graph 0.05, graph 0.08, graph 0.08")
        } else {
            script.append("set xtics (" + sensitivity.values.enumerated().map { "\(GnuplotStyle.quoted($1.label)) \($0)" }
                .joined(separator: ", ") + ") noenhanced")
            script.append("set xrange [-0.5:\(NumberFormat.data(Double(sensitivity.values.count) - 0.5))]")
            script.append("set offsets 0, 0, graph 0.08, graph 0.08")
        }
        let plots = sensitivity.series.enumerated().map { index, series in
            "'\(name).dat' index \(index) using 1:2:3 with yerrorlines"
                + " linecolor rgb '\(series.model.plotColor)' dashtype \(series.evaluationProtocol.plotDashType)"
                + " pointtype \(series.evaluationProtocol.plotPointType) pointsize 0.9 linewidth 2"
                + " title \(GnuplotStyle.quoted(series.title))"
        }
        script.append("plot " + plots.joined(separator: ", \\\n     "))
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }
}
