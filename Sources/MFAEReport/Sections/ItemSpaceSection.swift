import MFAECore
import MFAELab

/// The item space as numbers: neighbour genre coherence and the franchise check against the random
/// and co-rating references, and how they move along the swept parameters.
enum ItemSpaceSection {
    /// The section; nothing when no run measured coherence.
    static func blocks(_ comparison: ItemSpaceComparison?, sensitivities: [ParameterSensitivity]) -> [ReportBlock] {
        guard let comparison else { return [] }
        var blocks: [ReportBlock] = [
            .heading(level: 3, text: "Neighbour coherence"),
            .paragraph("For every item with at least 20 training ratings and a genre, its 10 nearest such items in the decoder's "
                + "item vectors: the share that has a genre in common with it, and the mean Jaccard similarity of the genre sets, "
                + "averaged over items. References on the same split: random neighbours (the exact expectation) and neighbours by "
                + "co-rating (cosine of the items' rating columns in the training data), a model-free item space. Mean ± sd across "
                + "seeds of the best configurations."),
            .table(coherenceTable(comparison)),
        ]
        if comparison.entries.contains(where: { $0.summaries[.franchiseRankCosine] != nil }) {
            blocks.append(.heading(level: 3, text: "Franchise check"))
            blocks.append(.paragraph("For each film of a franchise (Star Trek, Star Wars, Alien, Batman, Die Hard, Indiana Jones, "
                + "Godfather, Terminator, Jurassic Park, Free Willy, Home Alone, Jaws, Three Colors, Ace Ventura, The Crow; matched "
                + "by title, films with at least 20 training ratings), the rank of each other member among its neighbours (1 = "
                + "nearest) over all items with at least 20 training ratings, averaged over member pairs. Lower is better; random "
                + "order gives half the pool."))
            blocks.append(.table(franchiseTable(comparison)))
        }
        let sweeps = sweepTables(sensitivities)
        if !sweeps.isEmpty {
            blocks.append(.heading(level: 3, text: "Item space along the swept parameters"))
            blocks.append(.paragraph("For each value of a swept parameter, the best configuration with that value (as in the "
                + "sensitivity section): neighbour coherence by cosine (share with a common genre) and the franchise rank by cosine."))
            blocks += sweeps
        }
        blocks += maskingBlocks(sensitivities)
        return blocks
    }

    /// Does masking make the item space better or worse? Per protocol, the best masked against the
    /// best unmasked autoencoder (the pairs of the sensitivity section), on neighbour coherence by
    /// cosine, paired by seed.
    static func maskingBlocks(_ sensitivities: [ParameterSensitivity]) -> [ReportBlock] {
        guard let mask = sensitivities.first(where: { $0.parameter == .maskFraction }) else { return [] }
        let items = mask.maskingComparisons.compactMap { pair -> RichText? in
            let comparison = PairedComparison(pair.first, pair.second, metric: .coherenceShareCosine)
            guard let summary = comparison.summary else { return nil }
            let masked = pair.first.value(of: .maskFraction).label
            let verdict: String
            switch comparison.verdict {
            case .firstBetter: verdict = "masking makes the item space more coherent"
            case .secondBetter: verdict = "masking makes the item space less coherent"
            case .notSignificant: verdict = "no significant effect of masking on coherence"
            case .untestable: verdict = comparison.seeds.count < 2 ? "too few seeds to test" : "no test: identical differences"
            }
            return .code(pair.first.evaluationProtocol.rawValue) + .text(": best masked (") + .code("mask_fraction=\(masked)")
                + .text(") − unmasked, share of cosine neighbours with a common genre: \(NumberFormat.signed(summary.mean, digits: 3))"
                    + (comparison.tTest.map { ", \(NumberFormat.pClause($0.pValue)) over \($0.count) seeds" } ?? "") + ": \(verdict).")
        }
        guard !items.isEmpty else { return [] }
        return [.paragraph(.strong("Does masking make the item space better or worse?")
                    + " Paired by seed, each protocol's best masked autoencoder against its best unmasked one:"),
                .list(items)]
    }

    static func cell(_ entry: ItemSpaceComparison.Entry, _ metric: MetricName, digits: Int = 3) -> RichText {
        .text(NumberFormat.meanAndDeviation(entry.summaries[metric], digits: digits))
    }

    static func coherenceTable(_ comparison: ItemSpaceComparison) -> ReportTable {
        let rows = comparison.entries.map { entry -> [RichText] in
            [.code(entry.evaluationProtocol.rawValue), .text(entry.model.displayName),
             .text(entry.summaries[.coherenceItems].map { NumberFormat.fixed($0.mean, digits: 0) } ?? "—")]
                + ItemSpaceComparison.shareMetrics.map { cell(entry, $0) }
                + ItemSpaceComparison.jaccardMetrics.map { cell(entry, $0) }
        }
        return ReportTable(header: ["Protocol", "Model", "Items", "Share: Euclidean", "Share: cosine", "Share: random",
                                    "Share: co-rating", "Jaccard: Euclidean", "Jaccard: cosine", "Jaccard: random",
                                    "Jaccard: co-rating"],
                           alignments: [.left, .left] + Array(repeating: .right, count: 9), rows: rows)
    }

    static func franchiseTable(_ comparison: ItemSpaceComparison) -> ReportTable {
        let rows = comparison.entries.map { entry -> [RichText] in
            [.code(entry.evaluationProtocol.rawValue), .text(entry.model.displayName),
             .text(entry.summaries[.franchisePairs].map { NumberFormat.fixed($0.mean, digits: 0) } ?? "—")]
                + ItemSpaceComparison.franchiseMetrics.map { cell(entry, $0, digits: 1) }
        }
        return ReportTable(header: ["Protocol", "Model", "Member pairs", "Rank: Euclidean", "Rank: cosine", "Rank: random",
                                    "Rank: co-rating"],
                           alignments: [.left, .left, .right, .right, .right, .right, .right], rows: rows)
    }

    /// One table per swept parameter whose latent series measured coherence.
    static func sweepTables(_ sensitivities: [ParameterSensitivity]) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        for sensitivity in sensitivities {
            let series = sensitivity.series.filter { series in
                series.model.isLatent && series.points.contains { $0.group.summary(of: .coherenceShareCosine) != nil }
            }
            guard !series.isEmpty else { continue }
            let rows = sensitivity.values.map { value -> [RichText] in
                [.code(value.label)] + series.flatMap { series -> [RichText] in
                    guard let point = series.points.first(where: { $0.value == value }) else { return ["—", "—"] }
                    return [.text(NumberFormat.meanAndDeviation(point.group.summary(of: .coherenceShareCosine), digits: 3)),
                            .text(NumberFormat.meanAndDeviation(point.group.summary(of: .franchiseRankCosine), digits: 1))]
                }
            }
            let header = [sensitivity.parameter.name] + series.flatMap { ["\($0.title): share", "\($0.title): franchise rank"] }
            blocks.append(.table(ReportTable(header: header, rows: rows)))
        }
        return blocks
    }
}
