import MFAECore

/// The headline: per protocol, each model's best configuration with its test errors, the
/// autoencoder against every other model paired by seed, and the verdict in words.
enum HeadlineSection {
    /// The findings list that opens a report: one sentence per protocol on the autoencoder against MF.
    /// `leading` items (the answer to the experiment's own question, such as masking) come first.
    static func findings(_ headlines: [HeadlineComparison], leading: [RichText] = []) -> [ReportBlock] {
        let items = leading + headlines.map { headline -> RichText in
            let prefix = RichText.code(headline.evaluationProtocol.rawValue) + ": "
            guard let comparison = headline.autoencoderVersusMF else {
                let present = headline.entries.map(\.model)
                let missing = [ModelKind.mfae, .mf].filter { !present.contains($0) }.map(\.sentenceName)
                return prefix + .text("no comparison: no usable runs of \(missing.joined(separator: " or ")).")
            }
            var text = prefix + sentence(comparison)
            if headline.evaluationProtocol == .reconstruction {
                text = text + .text(" Caution: under reconstruction the scored ratings are the autoencoder's own input, "
                    + "so this comparison flatters it.")
            }
            return text
        }
        guard !items.isEmpty else {
            return [.heading(level: 2, text: "Findings"), .paragraph("No run of this experiment completed, so there is nothing to compare yet.")]
        }
        return [.heading(level: 2, text: "Findings"), .list(items)]
    }

    /// The headline section.
    static func blocks(_ headlines: [HeadlineComparison], analysis: ExperimentAnalysis) -> [ReportBlock] {
        var blocks: [ReportBlock] = [
            .heading(level: 2, text: "Headline comparison"),
            .paragraph("For each protocol and model, the configuration with the lowest mean validation RMSE across seeds is chosen; "
                + "the test set plays no part in the choice. Its test errors are given as mean ± sample standard deviation "
                + "across seeds, with the 95% t confidence interval of the mean test RMSE. Differences are autoencoder − other "
                + "model on the same seeds (negative: the autoencoder is better), with the paired t-test; a winner is named only "
                + "where p < 0.05."),
        ]
        for headline in headlines {
            blocks.append(.heading(level: 3, text: "Protocol: \(headline.evaluationProtocol.rawValue)"))
            blocks.append(.paragraph(RichText.code(headline.evaluationProtocol.rawValue) + " is " + .text(headline.evaluationProtocol.explanation)))
            blocks.append(.table(modelTable(headline, analysis: analysis)))
            if !headline.comparisons.isEmpty {
                blocks.append(.table(comparisonTable(headline.comparisons)))
            }
            if let comparison = headline.autoencoderVersusMF {
                blocks.append(.paragraph(sentence(comparison)))
            }
        }
        // Said once, for the largest number of pairs that is still too few.
        let few = headlines.flatMap(\.comparisons).map(\.seeds.count).filter { $0 < WilcoxonSignedRankTest.minimumPairs }
        if let pairs = few.max() {
            blocks.append(.paragraph(.emphasis(wilcoxonNote(pairs: pairs))))
        }
        return blocks
    }

    static func modelTable(_ headline: HeadlineComparison, analysis: ExperimentAnalysis) -> ReportTable {
        let rows = headline.entries.map { entry -> [RichText] in
            let swept = analysis.sweptParameters(of: entry.model)
            return [.text(entry.model.displayName),
                    swept.isEmpty ? "—" : .code(entry.group.label(swept)),
                    .text(String(entry.group.runs.count)),
                    .text(NumberFormat.meanAndDeviation(entry.validRMSE)),
                    .strong(NumberFormat.meanAndDeviation(entry.testRMSE)),
                    .text(NumberFormat.interval(entry.testRMSE?.confidenceInterval)),
                    .text(NumberFormat.meanAndDeviation(entry.testMSE)),
                    .text(NumberFormat.meanAndDeviation(entry.testMAE))]
        }
        return ReportTable(header: ["Model", "Best configuration", "Seeds", "Valid RMSE", "Test RMSE", "Test RMSE 95% CI",
                                    "Test MSE", "Test MAE"],
                           alignments: [.left, .left, .right, .right, .right, .right, .right, .right], rows: rows)
    }

    /// One row per paired comparison: difference, seeds, mean ± sd, CI, t-test and Wilcoxon p, and
    /// (a search's verdict) the effect size; `seedsHeader` names the seeds column.
    static func comparisonTable(_ comparisons: [PairedComparison], seedsHeader: String = "Paired seeds",
                                effectSize: ((PairedComparison) -> Double?)? = nil) -> ReportTable {
        let rows = comparisons.map { comparison -> [RichText] in
            var row: [RichText] = [
                .text("\(comparison.first.model.shortName) − \(comparison.second.model.shortName)"),
                .text(String(comparison.seeds.count)),
                .text(comparison.summary.map { summary in
                    NumberFormat.signed(summary.mean) + (summary.standardDeviation.map { " ± " + NumberFormat.fixed($0) } ?? "")
                } ?? "—"),
                .text(NumberFormat.interval(comparison.summary?.confidenceInterval, signed: true)),
                .text(NumberFormat.pValue(comparison.tTest?.pValue)),
                .text(NumberFormat.pValue(comparison.wilcoxon?.pValue)),
            ]
            if let effectSize { row.append(.text(effectSize(comparison).map { NumberFormat.signed($0, digits: 2) } ?? "—")) }
            row.append(verdictCell(comparison))
            return row
        }
        var header = ["Test RMSE difference", seedsHeader, "Mean ± sd", "95% CI", "t-test p", "Wilcoxon p"]
        var alignments: [ReportTable.Alignment] = [.left, .right, .right, .right, .right, .right]
        if effectSize != nil { header.append("Effect size"); alignments.append(.right) }
        return ReportTable(header: header + ["Verdict"], alignments: alignments + [.left], rows: rows)
    }

    static func verdictCell(_ comparison: PairedComparison) -> RichText {
        switch comparison.verdict {
        case .firstBetter: return .strong("\(comparison.first.model.shortName) better")
        case .secondBetter: return .strong("\(comparison.second.model.shortName) better")
        case .notSignificant: return .text("not resolved with \(comparison.seeds.count) seeds")
        case .untestable: return comparison.seeds.count < 2 ? "too few seeds to test" : "no test: identical differences"
        }
    }

    /// The verdict of `comparison` in words, with its statistics.
    static func sentence(_ comparison: PairedComparison) -> RichText {
        let first = comparison.first.model.sentenceName
        let second = comparison.second.model.sentenceName
        guard let t = comparison.tTest, let summary = comparison.summary else {
            if comparison.seeds.count < 2 {
                return .text("\(capitalized(first)) and \(second) share \(comparison.seeds.count) seed(s) with finite results, "
                    + "too few for a paired test; no winner is named.")
            }
            return .text("\(capitalized(first)) and \(second) differ by exactly the same amount "
                + "(\(NumberFormat.signed(comparison.summary?.mean ?? .nan))) on each of their \(comparison.seeds.count) seeds, "
                + "so the paired tests are undefined; no winner is named.")
        }
        var statistics = "mean difference \(NumberFormat.signed(summary.mean)), 95% CI "
            + "\(NumberFormat.interval(summary.confidenceInterval, signed: true)), paired t-test \(NumberFormat.pClause(t.pValue)) "
            + "over \(t.count) seeds"
        if let wilcoxon = comparison.wilcoxon {
            statistics += ", Wilcoxon signed-rank \(NumberFormat.pClause(wilcoxon.pValue))"
        }
        var text: RichText
        switch comparison.verdict {
        case .firstBetter:
            text = .strong("\(capitalized(first)) beats \(second)") + .text(": its test RMSE is lower by "
                + "\(NumberFormat.fixed(-summary.mean)) (\(statistics)).")
        case .secondBetter:
            text = .strong("\(capitalized(second)) beats \(first)") + .text(": its test RMSE is lower by "
                + "\(NumberFormat.fixed(summary.mean)) (\(statistics)).")
        case .notSignificant, .untestable:
            text = .strong("Not resolved with \(t.count) seeds") + .text(": the 95% interval of \(first) − \(second) includes "
                + "both a gain and a loss (\(statistics)); no winner is named, which is not evidence that they are equal.")
        }
        if comparison.testsDisagree, let wilcoxon = comparison.wilcoxon {
            text = text + .text(" The Wilcoxon test disagrees about significance (\(NumberFormat.pClause(wilcoxon.pValue))), "
                + "so the result rests on the t-test's normality assumption.")
        }
        return text
    }

    /// Why the Wilcoxon column is empty with few seeds.
    static func wilcoxonNote(pairs: Int) -> String {
        "Wilcoxon p-values are shown from \(WilcoxonSignedRankTest.minimumPairs) paired seeds on: with n seeds the exact "
            + "two-sided p-value cannot go below 2/2ⁿ, which is \(NumberFormat.pValue(WilcoxonSignedRankTest.smallestExactPValue(pairs: pairs))) "
            + "for the \(pairs) seed(s) here (0.0625 for n = 5), so the test could never reach 0.05."
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
