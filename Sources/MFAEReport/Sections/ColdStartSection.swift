import MFAECore

/// New users by history length (heldout): the cold-start table and plot, where the curves cross,
/// and fold-in throughput on all cores beside the per-user time.
enum ColdStartSection {
    /// The section and its plot; nothing when no run measured a cold-start curve.
    static func make(_ comparison: ColdStartComparison?, experiment: String) -> (blocks: [ReportBlock], plots: [PlotScript]) {
        guard let comparison else { return ([], []) }
        var blocks: [ReportBlock] = [
            .heading(level: 2, text: "New users: accuracy by history length"),
            .paragraph(.text("Under ") + .code("heldout") + .text(", each test user is represented from only the first n of their given "
                + "ratings (one seeded random order per user, the same for every model; a user with fewer uses all of them) and "
                + "scored on the same hidden half. The autoencoder encodes them in one pass; MF solves its ridge fold-in; the "
                + "item-bias model ignores them. The baseline adds to the item bias the user's mean residual shrunk by 5 "
                + "pseudo-ratings, r̂ = μ + c_i + Σ(r − μ − c_j)/(n + 5). Test RMSE, mean ± sd across seeds of each model's best "
                + "configuration (chosen on validation RMSE).")),
            .table(table(comparison)),
        ]
        let plot = ColdStartPlot.make(comparison, experiment: experiment)
        blocks.append(.figure(ReportFigure(name: plot.name, caption: "Test RMSE of new users against the number of given ratings "
            + "used (mean ± sd across seeds), logarithmic axis.")))
        let findings = crossingSentences(comparison)
        if !findings.isEmpty { blocks.append(.list(findings)) }
        if !comparison.throughput.isEmpty {
            blocks.append(.heading(level: 3, text: "Fold-in throughput"))
            blocks.append(.paragraph("Per-user fold-in time of the test pass, and new users folded in per second by the same loop "
                + "over the test users (repeated until it takes at least 0.05 s on one thread) on one thread and with every core "
                + "folding in users at once. Both depend on the machine and its load: other runs may share the cores."))
            blocks.append(.table(throughputTable(comparison.throughput)))
        }
        return (blocks, [plot])
    }

    static func table(_ comparison: ColdStartComparison) -> ReportTable {
        let rows = ColdStartComparison.historyLengths.enumerated().map { position, n -> [RichText] in
            [.text(n.map(String.init) ?? "all")] + comparison.series.map { series in
                .text(NumberFormat.meanAndDeviation(series.points[position]))
            }
        }
        return ReportTable(header: ["Given ratings"] + comparison.series.map(\.title), rows: rows)
    }

    /// One sentence per pair of curves with a latent model first (the autoencoder against MF, each
    /// against the item bias and the baseline) saying where they cross.
    static func crossingSentences(_ comparison: ColdStartComparison) -> [RichText] {
        var sentences: [RichText] = []
        let series = comparison.series
        for first in series.indices {
            for second in series.indices where second > first {
                let a = series[first], b = series[second]
                guard a.model.isLatent, !a.isBaseline else { continue }
                let crossings = ColdStartComparison.crossings(a, b)
                if crossings.isEmpty {
                    let lower = zip(a.points, b.points).compactMap { x, y -> Bool? in
                        guard let x, let y, x.mean != y.mean else { return nil }
                        return x.mean < y.mean
                    }
                    guard let aLower = lower.first else { continue }
                    let (better, worse) = aLower ? (a.title, b.title) : (b.title, a.title)
                    sentences.append(.text("The curves of \(a.title) and \(b.title) do not cross: \(better) has the lower mean "
                        + "test RMSE at every history length measured, \(worse) the higher."))
                } else {
                    let parts = crossings.map { crossing -> String in
                        let before = crossing.before.map(String.init) ?? "all"
                        let after = crossing.after.map(String.init) ?? "all"
                        let leader = crossing.aBetterAfter ? a.title : b.title
                        return "between \(before) and \(after) given ratings (\(leader) lower from \(after))"
                    }
                    sentences.append(.text("\(a.title) and \(b.title) cross " + parts.joined(separator: "; ") + "."))
                }
            }
        }
        return sentences
    }

    static func throughputTable(_ rows: [ColdStartComparison.Throughput]) -> ReportTable {
        let cells = rows.map { row -> [RichText] in
            let speedup = zip2(row.usersPerSecondOneThread?.mean, row.usersPerSecond?.mean).map { pair in pair.1 / pair.0 }
            func rate(_ summary: SampleSummary?) -> RichText { .text(summary.map { NumberFormat.fixed($0.mean, digits: 0) } ?? "—") }
            return [.text(row.model.displayName), .text(NumberFormat.seconds(row.millisecondsPerUser)),
                    rate(row.usersPerSecondOneThread), rate(row.usersPerSecond),
                    .text(row.threads.map(String.init) ?? "—"),
                    .text(speedup.map { NumberFormat.fixed($0, digits: 1) + "×" } ?? "—")]
        }
        return ReportTable(header: ["Model", "Fold-in ms per user (test pass)", "Users/s (1 thread)", "Users/s (all cores)",
                                    "Threads", "Speed-up"], rows: cells)
    }

    private static func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
        guard let a, let b, a.isFinite, b.isFinite, a > 0 else { return nil }
        return (a, b)
    }
}
