import MFAECore

/// The cost of the best configurations: seconds per epoch and seconds per fit, bars clustered by
/// protocol with one bar per model and sd error bars across seeds.
enum CostPlot {
    /// `cost`.
    static let name = "cost"

    /// The script and data of `cost`; `nil` when no run measured its time.
    static func make(_ cost: CostSummary, experiment: String) -> PlotScript? {
        let protocols = EvaluationProtocol.reportOrder.filter { item in cost.rows.contains { $0.evaluationProtocol == item } }
        let models = ModelKind.reportOrder.filter { model in cost.rows.contains { $0.model == model } }
        var data = ["# Cost of the best configurations, experiment \(experiment).",
                    "# One row per protocol; per model (" + models.map(\.rawValue).joined(separator: ", ")
                        + "): seconds per epoch mean, sd, seconds per fit mean, sd. NaN: not measured."]
        for item in protocols {
            var fields = [GnuplotStyle.dataLabel(item.rawValue)]
            for model in models {
                let row = cost.rows.first { $0.model == model && $0.evaluationProtocol == item }
                for summary in [row?.epochSeconds, row?.trainSeconds] {
                    fields.append(NumberFormat.data(summary?.mean ?? .nan))
                    fields.append(NumberFormat.data(summary.map { $0.standardDeviation ?? 0 } ?? .nan))
                }
            }
            data.append(fields.joined(separator: " "))
        }

        /// Bars of the models that measured the panel's quantity (`column` 0: per epoch, 2: per fit).
        func bars(column: Int, measured: (CostSummary.Row) -> SampleSummary?) -> String? {
            let shown = models.enumerated().filter { _, model in
                cost.rows.contains { $0.model == model && measured($0) != nil }
            }
            guard !shown.isEmpty else { return nil }
            return shown.enumerated().map { position, entry in
                let mean = 2 + entry.offset * 4 + column
                let using = position == 0 ? "\(mean):\(mean + 1):xtic(1)" : "\(mean):\(mean + 1)"
                return "'\(name).dat' using \(using) linecolor rgb '\(entry.element.plotColor)' title \(GnuplotStyle.quoted(entry.element.shortName))"
            }.joined(separator: ", \\\n     ")
        }
        let perEpoch = bars(column: 0) { $0.epochSeconds }
        let perFit = bars(column: 2) { $0.trainSeconds }
        let panels = [perEpoch, perFit].compactMap { $0 }.count
        guard panels > 0 else { return nil }

        var script = [GnuplotStyle.header(name: name, comment: "Cost of the best configurations: experiment \(experiment)",
                                          width: panels > 1 ? 960 : 620, height: 420)]
        script.append("set style data histograms")
        script.append("set style histogram errorbars gap 1.5 linewidth 1")
        script.append("set style fill solid 0.85 border rgb '#333333'")
        script.append("set boxwidth 0.9")
        script.append("set xrange [-0.6:\(NumberFormat.data(Double(protocols.count) - 0.4))]")
        script.append("set yrange [0:*]")
        script.append("set grid noxtics")
        script.append("set xtics noenhanced")
        script.append("set ylabel 'seconds' noenhanced")
        script.append("set multiplot layout 1,\(panels) title \(GnuplotStyle.quoted("Cost of the best configurations")) noenhanced")
        if let perEpoch {
            script.append("set title 'seconds per epoch (median of a run; mean ± sd across seeds)' noenhanced")
            script.append("plot " + perEpoch)
        }
        if let perFit {
            script.append("set title 'seconds per fit (mean ± sd across seeds)' noenhanced")
            script.append("plot " + perFit)
        }
        script.append("unset multiplot")
        return PlotScript(name: name, script: script.joined(separator: "\n") + "\n", data: data.joined(separator: "\n") + "\n")
    }
}
