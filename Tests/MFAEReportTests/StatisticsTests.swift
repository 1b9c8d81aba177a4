import Testing
@testable import MFAEReport

/// Descriptive statistics, the t distribution and the paired t-test against hand-computed values
/// and values from scipy 1.17.1 (each call is quoted beside its value).
@Suite struct StatisticsTests {
    func close(_ a: Double?, _ b: Double, relative: Double = 1e-10) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= relative * max(abs(b), 1e-300)
    }

    @Test func meanAndSampleStandardDeviationByHand() {
        // Σ = 40, mean 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; s² = 32/7.
        let values: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        #expect(Descriptive.mean(values) == 5)
        #expect(close(Descriptive.sampleVariance(values), 32.0 / 7))
        // numpy.std([2,4,4,4,5,5,7,9], ddof=1)
        #expect(close(Descriptive.sampleStandardDeviation(values), 2.138089935299395))
        #expect(Descriptive.mean([]) == nil)
        #expect(Descriptive.sampleStandardDeviation([3]) == nil)
        #expect(Descriptive.median([3, 1, 2]) == 2)
        #expect(Descriptive.median([4, 1, 2, 3]) == 2.5)
    }

    @Test func incompleteBetaMatchesScipy() {
        // scipy.special.betainc(a, b, x)
        let cases: [(a: Double, b: Double, x: Double, value: Double)] = [
            (0.5, 0.5, 0.3, 0.36901011956554536),
            (2, 3, 0.4, 0.5248),  // by hand: Σ_{j=2}^{4} C(4,j) 0.4^j 0.6^{4−j} = 0.3456 + 0.1536 + 0.0256
            (10, 0.5, 0.9, 0.15164090963470994),
            (1.5, 0.5, 0.999, 0.9597433418849682),
            (50, 0.5, 0.2, 9.994267861337003e-37),
        ]
        for c in cases {
            #expect(close(IncompleteBeta.regularized(c.x, a: c.a, b: c.b), c.value, relative: 1e-12), "I_\(c.x)(\(c.a), \(c.b))")
        }
        #expect(IncompleteBeta.regularized(0, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.regularized(1, a: 2, b: 3) == 1)
    }

    /// `scipy.stats.t.ppf(0.975, df)`.
    @Test(arguments: [
        (1, 12.706204736174694), (2, 4.302652729749462), (3, 3.1824463052837078), (4, 2.7764451051977934),
        (5, 2.5705818356363146), (6, 2.4469118511449786), (7, 2.364624251592784), (8, 2.306004135204166),
        (9, 2.262157162798205), (10, 2.228138851986274), (29, 2.045229642132703), (100, 1.9839715185235518),
    ])
    func tQuantileForSmallSamples(degreesOfFreedom: Int, expected: Double) {
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: Double(degreesOfFreedom)), expected, relative: 1e-12))
        #expect(close(StudentT.criticalValue(level: 0.95, degreesOfFreedom: Double(degreesOfFreedom)), expected, relative: 1e-12))
    }

    @Test func tDistributionMatchesScipy() {
        // By hand: with ν = 1 (Cauchy), P(T ≤ 1) = 3/4; with ν = 2, P(T ≤ t) = 1/2 + t / (2√(2 + t²)).
        #expect(close(StudentT.cdf(1, degreesOfFreedom: 1), 0.75, relative: 1e-14))
        #expect(close(StudentT.cdf(1.5, degreesOfFreedom: 2), 0.5 + 1.5 / (2 * (2 + 2.25).squareRoot()), relative: 1e-14))
        // scipy.stats.t.cdf(1.5, 2)
        #expect(close(StudentT.cdf(1.5, degreesOfFreedom: 2), 0.8638034375544994, relative: 1e-13))
        // scipy.stats.t.cdf(-2.2, 7)
        #expect(close(StudentT.cdf(-2.2, degreesOfFreedom: 7), 0.03186550765131839, relative: 1e-12))
        // 2 * scipy.stats.t.sf(3, 5); 2 * scipy.stats.t.sf(12, 3)
        #expect(close(StudentT.twoSidedTailProbability(3, degreesOfFreedom: 5), 0.030099247897462586, relative: 1e-12))
        #expect(close(StudentT.twoSidedTailProbability(12, degreesOfFreedom: 3), 0.0012450158007893362, relative: 1e-12))
        // scipy.stats.t.ppf(0.9, 3); scipy.stats.t.ppf(0.05, 4); scipy.stats.t.ppf(0.999, 2.5)
        #expect(close(StudentT.quantile(0.9, degreesOfFreedom: 3), 1.637744353696209, relative: 1e-12))
        #expect(close(StudentT.quantile(0.05, degreesOfFreedom: 4), -2.131846786326651, relative: 1e-12))
        #expect(close(StudentT.quantile(0.999, degreesOfFreedom: 2.5), 13.82219311086596, relative: 1e-11))
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test func confidenceIntervalOfTheMean() throws {
        // Two values 1 and 3: mean 2, s = √2, half-width t(0.975, 1) · √2 / √2 = 12.7062….
        let summary = try #require(SampleSummary([1, 3]))
        #expect(summary.mean == 2)
        let interval = try #require(summary.confidenceInterval)
        #expect(close(interval.upperBound - 2, 12.706204736174694, relative: 1e-12))
        #expect(close(2 - interval.lowerBound, 12.706204736174694, relative: 1e-12))
        let single = try #require(SampleSummary([0.9]))
        #expect(single.standardDeviation == nil && single.confidenceInterval == nil)
        #expect(SampleSummary([]) == nil)
    }

    @Test func pairedTTestMatchesScipy() throws {
        let a = [0.912, 0.905, 0.921, 0.899, 0.915]
        let b = [0.925, 0.911, 0.930, 0.910, 0.920]
        // r = scipy.stats.ttest_rel(a, b); r.statistic, r.pvalue, r.confidence_interval(0.95)
        let test = try #require(PairedTTest(a, b))
        #expect(test.count == 5 && test.degreesOfFreedom == 4)
        #expect(close(test.t, -5.879747322073336, relative: 1e-10))
        #expect(close(test.pValue, 0.0041810721356403, relative: 1e-9))
        #expect(close(test.confidenceInterval.lowerBound, -0.012955402534734282, relative: 1e-9))
        #expect(close(test.confidenceInterval.upperBound, -0.004644597465265733, relative: 1e-9))
        // scipy.stats.ttest_rel([1.0, 2.0, 3.0], [1.1, 1.9, 3.3]): t = −√3/2 exactly, p = 0.4777670321329066
        let small = try #require(PairedTTest([1, 2, 3], [1.1, 1.9, 3.3]))
        #expect(close(small.t, -0.8660254037844384, relative: 1e-9))
        #expect(close(small.pValue, 0.4777670321329066, relative: 1e-9))
    }

    @Test func pairedTTestNeedsTwoVaryingPairs() {
        #expect(PairedTTest([1], [2]) == nil)
        #expect(PairedTTest([1, 2, 3], [0, 1, 2]) == nil)  // every difference is 1: s = 0
    }
}
