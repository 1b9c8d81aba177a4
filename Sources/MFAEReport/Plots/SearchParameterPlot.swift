import Foundation
import MFAECore
import MFAELab

/// Validation RMSE of every trial of a study against each searched key, one panel per key (log x
/// axis for log-uniform keys): completed trials as filled dots, pruned ones (at the best RMSE they
/// reached before pruning) as open circles, the winner as a star. Failed trials have no RMSE and
/// are left out.
enum SearchParameterPlot {
    /// `search-<model>-<protocol>`.
    static func name(_ study: SearchStudyResult) -> String {
        "search-\(study.study.model.rawValue)-\(study.study.evaluationProtocol.rawValue)"
    }

    /// The kinds of points, in data column 3: 0 completed, 1 pruned, 2 the winner.
    private static let kinds: [(code: Int, title: String, style: String)] = [
        (0, "completed", "pointtype 7 pointsize 0.7"),
        (1, "pruned", "pointtype 6 pointsize 0.7"),
        (2, "winner", "pointtype 3 pointsize 1.6 linewidth 2"),
    ]

    /// The script and data of `study`'s trials; nil when it has no trial with a finite RMSE or no
    /// searched key.
    static func make(_ study: SearchStudyResult, experiment: String) -> PlotScript? {
        let trials = study.trials.filter { !$0.isFailed }
        let dimensions = study.space.dimensions
        guard !trials.isEmpty, !dimensions.isEmpty else { return nil }
        let name = name(study)
        let winnerNumber = study.winner?.number
        func kind(_ trial: SearchStudyResult.Trial) -> Int {
            trial.number == winnerNumber ? 2 : (trial.outcome.isPruned ? 1 : 0)
        }
        var data = ["# Validation RMSE against each searched key: \(study.study), experiment \(experiment).",
                    "# One block per key (gnuplot index), in key order; columns: key's value (its index for a",
                    "# categorical choice), best validation RMSE the search saw, kind (0 completed, 1 pruned, 2 winner), trial."]
        for (index, dimension) in dimensions.enumerated() {
            if index > 0 { data += ["", ""] }
            data.append("# \(dimension.key): \(dimension.distribution.rangeText)")
            for trial in trials {
                guard let value = trial.trial.values[dimension.key],
                      let x = dimension.distribution.plotCoordinate(of: value) else { continue }
                data.append("\(NumberFormat.data(x)) \(NumberFormat.data(trial.outcome.objective)) \(kind(trial)) \(trial.number)")
            }
        }
        let present = Set(trials.map(kind))
        let columns = min(3, dimensions.count)
        let rows = (dimensions.count + columns - 1) / columns
        var script = [GnuplotStyle.header(name: name, comment: "Validation RMSE against searched keys: \(study.study), experiment \(experiment)",
                                          width: 330 * columns, height: 300 * rows + 60)]
        script.append("set multiplot layout \(rows),\(columns) title \(GnuplotStyle.quoted("Trials · \(study.study)")) noenhanced")
        script.append("set ylabel 'validation RMSE' noenhanced")
        script.append("set offsets graph 0.04, graph 0.04, graph 0.04, graph 0.04")
        script.append(yRange(trials.map(\.outcome.objective)))
        let color = study.study.model.plotColor
        for (index, dimension) in dimensions.enumerated() {
            let distribution = dimension.distribution
            script.append("set title \(GnuplotStyle.quoted(dimension.key)) noenhanced")
            script.append("set xlabel \(GnuplotStyle.quoted(dimension.key + (distribution.isLogScale ? " (log scale)" : ""))) noenhanced")
            script.append(distribution.isLogScale ? "set logscale x 10" : "unset logscale x")
            let labels = distribution.categoryLabels
            if labels.isEmpty {
                script.append("set xtics autofreq")
            } else {
                script.append("set xtics (" + labels.enumerated().map { "\(GnuplotStyle.quoted($1)) \($0)" }.joined(separator: ", ")
                    + ") noenhanced")
            }
            let layers = kinds.filter { present.contains($0.code) }.map { kind in
                "'\(name).dat' index \(index) using 1:($3 == \(kind.code) ? $2 : NaN) with points linecolor rgb "
                    + "'\(kind.code == 2 ? "#000000" : color)' \(kind.style) title \(GnuplotStyle.quoted(kind.title))"
            }
            script.append("plot " + layers.joined(separator: ", \\\n     "))
        }
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }

    /// The y range: automatic, unless a few bad trials would squash the rest, in which case it ends
    /// at the best RMSE plus four times the distance from it to the median.
    static func yRange(_ objectives: [Double]) -> String {
        let sorted = objectives.filter(\.isFinite).sorted()
        guard let low = sorted.first, let high = sorted.last else { return "set yrange [*:*]" }
        let median = sorted[sorted.count / 2]
        let cap = low + 4 * (median - low)
        guard median > low, high > cap else { return "set yrange [*:*]" }
        return "set yrange [*:\(NumberFormat.data(cap))]"
    }
}
