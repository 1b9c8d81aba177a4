/// How the statistics are computed, stated once per report.
enum MethodsSection {
    /// The section.
    static func blocks() -> [ReportBlock] {
        [
            .heading(level: 2, text: "Statistical methods"),
            .list([
                "Runs that did not complete, or whose validation or test RMSE is not finite, are left out. Runs with the same "
                    + "configuration and different seeds are replicates; a seed fixes the split, the initialisation, the masks and "
                    + "the shuffling, so different models with the same seed see the same split.",
                "Best configuration: the lowest mean validation RMSE across seeds; the test set is only used to report.",
                "Mean ± sd: the arithmetic mean and the sample standard deviation (n − 1). 95% CI: mean ± t(0.975, n − 1) · sd / √n, "
                    + "with the exact Student-t quantile.",
                "Differences are paired by seed (only seeds both configurations ran). Paired t-test: t = mean / (sd / √n) with "
                    + "n − 1 degrees of freedom, two-sided. Verdicts use this test at α = 0.05 and name a winner only when p < 0.05.",
                .text("Wilcoxon signed-rank test (two-sided), shown from \(WilcoxonSignedRankTest.minimumPairs) paired seeds on: zero "
                    + "differences are dropped (Wilcoxon's treatment, scipy's default), tied absolute differences get average ranks, and "
                    + "the p-value is exact (enumerating all 2ⁿ sign assignments) up to \(WilcoxonSignedRankTest.exactLimit) pairs, "
                    + "normal with tie and continuity corrections above. With n ≤ 5 its exact p-value cannot go below 0.0625, so "
                    + "it is not shown. It is a check on the t-test's normality assumption and does not change verdicts."),
                "No correction for multiple comparisons is applied: with several protocols and baselines, an isolated p just under "
                    + "0.05 deserves caution.",
            ]),
        ]
    }
}
