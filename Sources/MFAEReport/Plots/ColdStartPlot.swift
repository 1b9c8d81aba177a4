import MFAECore

/// The cold-start curve: test RMSE (mean with sd error bars across seeds) against the number of
/// given ratings a new user was represented from, logarithmic x axis, one line per model and a
/// dashed one for the item-bias + user-offset baseline. "All" sits one step past 50, at 100.
enum ColdStartPlot {
    /// `cold-start`.
    static let name = "cold-start"
    /// Where "all given ratings" is drawn on the log axis.
    static let allPosition = 100.0

    /// The script and data of `comparison`.
    static func make(_ comparison: ColdStartComparison, experiment: String) -> PlotScript {
        let lengths = ColdStartComparison.historyLengths
        var data = ["# Cold start: test RMSE against given ratings per new user (heldout), experiment \(experiment).",
                    "# One block per series (gnuplot index); columns: n (100 = all), mean, sd (0 for one seed), seeds."]
        for (index, series) in comparison.series.enumerated() {
            if index > 0 { data += ["", ""] }
            data.append("# \(series.title)")
            for (position, n) in lengths.enumerated() {
                guard let point = series.points[position] else { continue }
                data.append([NumberFormat.data(n.map(Double.init) ?? allPosition), NumberFormat.data(point.mean),
                             NumberFormat.data(point.standardDeviation ?? 0), String(point.count)].joined(separator: " "))
            }
        }
        var script = [GnuplotStyle.header(name: name, comment: "Cold-start curve: experiment \(experiment)")]
        script.append("set title 'Test RMSE of new users by ratings given (heldout)' noenhanced")
        script.append("set xlabel 'given ratings used per test user (log scale)' noenhanced")
        script.append("set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced")
        script.append("set logscale x 10")
        script.append("set xtics (" + lengths.map { n in
            n.map { "'\($0)' \($0)" } ?? "'all' \(NumberFormat.data(allPosition))"
        }.joined(separator: ", ") + ") noenhanced")
        script.append("set offsets graph 0.03, graph 0.03, graph 0.08, graph 0.08")
        let plots = comparison.series.enumerated().map { index, series in
            let color = series.isBaseline ? "#555555" : series.model.plotColor
            return "'\(name).dat' index \(index) using 1:2:3 with yerrorlines linecolor rgb '\(color)'"
                + " dashtype \(series.isBaseline ? 2 : 1) pointtype \(6 + index) pointsize 0.9 linewidth 2"
                + " title \(GnuplotStyle.quoted(series.title))"
        }
        script.append("plot " + plots.joined(separator: ", \\\n     "))
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }
}
