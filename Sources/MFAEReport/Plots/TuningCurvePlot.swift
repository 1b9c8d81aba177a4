import MFAECore
import MFAELab

/// The tuning curves of one protocol: the best validation RMSE found so far against the trial
/// number (left) and against the cumulative CPU seconds of training and validation (right), one
/// colour per model; for an audited search, the same trials without pruning as a dashed line on
/// the right. A curve still falling at its end says the budget has not converged.
enum TuningCurvePlot {
    /// `tuning-<protocol>`.
    static func name(_ evaluationProtocol: EvaluationProtocol) -> String { "tuning-\(evaluationProtocol.rawValue)" }

    /// The script and data of `studies`, which all belong to `evaluationProtocol`; nil when no
    /// trial has ended.
    static func make(_ studies: [SearchStudyResult], evaluationProtocol: EvaluationProtocol, experiment: String) -> PlotScript? {
        let studies = studies.filter { !$0.trials.isEmpty }
        guard !studies.isEmpty else { return nil }
        let name = name(evaluationProtocol)
        var data = ["# Tuning curves under \(evaluationProtocol.rawValue), experiment \(experiment).",
                    "# One block per curve (gnuplot index); columns: trial number (as run labels), cumulative CPU seconds,",
                    "# best validation RMSE so far (NaN before the first eligible trial)."]
        var blocks: [(study: SearchStudyResult, isUnpruned: Bool)] = []
        for study in studies {
            blocks.append((study, false))
            if study.isAudited { blocks.append((study, true)) }
        }
        for (index, block) in blocks.enumerated() {
            if index > 0 { data += ["", ""] }
            let curve = block.isUnpruned ? (block.study.unprunedTuningCurve ?? []) : block.study.tuningCurve
            data.append("# \(block.study.study.model.shortName)\(block.isUnpruned ? " without pruning" : "")")
            for point in curve {
                data.append([Double(point.number), point.cumulativeSeconds, point.bestSoFar ?? .nan]
                    .map(NumberFormat.data).joined(separator: " "))
            }
        }
        func layers(x: Int, includesUnpruned: Bool) -> String {
            blocks.enumerated().compactMap { index, block -> String? in
                if block.isUnpruned && !includesUnpruned { return nil }
                let title = block.study.study.model.shortName + (block.isUnpruned ? " without pruning" : "")
                return "'\(name).dat' index \(index) using \(x):3 with steps linecolor rgb '\(block.study.study.model.plotColor)'"
                    + " dashtype \(block.isUnpruned ? 2 : 1) linewidth 2 title \(GnuplotStyle.quoted(title))"
            }.joined(separator: ", \\\n     ")
        }
        var script = [GnuplotStyle.header(name: name, comment: "Tuning curves under \(evaluationProtocol.rawValue): experiment \(experiment)",
                                          width: 960, height: 440)]
        script.append("set multiplot layout 1,2 title \(GnuplotStyle.quoted("Tuning curves · \(evaluationProtocol.rawValue)")) noenhanced")
        script.append("set ylabel 'best validation RMSE so far' noenhanced")
        script.append("set title 'against trials' noenhanced")
        script.append("set xlabel 'trial' noenhanced")
        script.append("set xrange [0:*]")
        script.append("plot " + layers(x: 1, includesUnpruned: false))
        script.append("set title 'against CPU seconds (epochs and validation)' noenhanced")
        script.append("set xlabel 'cumulative CPU seconds' noenhanced")
        script.append("set xrange [0:*]")
        script.append("plot " + layers(x: 2, includesUnpruned: true))
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }
}
