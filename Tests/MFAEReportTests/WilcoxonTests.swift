import Testing
@testable import MFAEReport

/// The Wilcoxon signed-rank test against hand-computed values and scipy 1.17.1 (each call quoted).
@Suite struct WilcoxonTests {
    func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        abs(a - b) <= relative * max(abs(b), 1e-300)
    }

    @Test func smallestExactPValueByHand() throws {
        // All five differences positive: W⁺ = 15 is the single most extreme of 2⁵ = 32 outcomes
        // on each side, so p = 2/32 = 0.0625: five seeds can never reach 0.05.
        let five = try #require(WilcoxonSignedRankTest(differences: [0.1, 0.2, 0.3, 0.4, 0.5]))
        #expect(five.method == .exact)
        #expect(five.pValue == 0.0625)
        #expect(WilcoxonSignedRankTest.smallestExactPValue(pairs: 5) == 0.0625)
        #expect(WilcoxonSignedRankTest.smallestExactPValue(pairs: 6) == 0.03125)
        #expect(WilcoxonSignedRankTest.minimumPairs == 6)
        // scipy.stats.wilcoxon([-0.5, -0.4, -0.3, -0.2, -0.1, -0.6], method="exact") → (0.0, 0.03125)
        let six = try #require(WilcoxonSignedRankTest(differences: [-0.5, -0.4, -0.3, -0.2, -0.1, -0.6]))
        #expect(six.statistic == 0)
        #expect(six.pValue == 0.03125)
    }

    @Test func exactWithoutTiesMatchesScipy() throws {
        // scipy.stats.wilcoxon([0.8, -0.3, 1.2, 2.5, -0.1, 0.9], method="exact") → (3.0, 0.15625)
        // By hand: ranks of |d| are 3, 2, 5, 6, 1, 4; W⁻ = 2 + 1 = 3; P(W⁻ ≤ 3) = 5/64, p = 10/64.
        let test = try #require(WilcoxonSignedRankTest(differences: [0.8, -0.3, 1.2, 2.5, -0.1, 0.9]))
        #expect(test.statistic == 3)
        #expect(test.negativeRankSum == 3 && test.positiveRankSum == 18)
        #expect(close(test.pValue, 0.15625))
        // scipy.stats.wilcoxon(x, y, method="exact") → (5.0, 0.0390625) with
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
        let paired = try #require(WilcoxonSignedRankTest(x, y))
        #expect(paired.statistic == 5)
        #expect(close(paired.pValue, 0.0390625))
    }

    @Test func tiesAndZerosAreExactUnderPermutation() throws {
        // Zeros dropped (scipy's zero_method="wilcox"), ties get average ranks; scipy's default for
        // n ≤ 13 with ties or zeros is an exact permutation test:
        // scipy.stats.wilcoxon([1, 2, 2, -3, 0, 4, 4, 4, -1]) → (6.5, 0.1171875)
        let test = try #require(WilcoxonSignedRankTest(differences: [1, 2, 2, -3, 0, 4, 4, 4, -1]))
        #expect(test.count == 8 && test.zeroCount == 1)
        #expect(test.hasTies)
        #expect(test.method == .exact)
        #expect(test.statistic == 6.5)
        #expect(close(test.pValue, 0.1171875))
        #expect(WilcoxonSignedRankTest(differences: [0, 0, 0]) == nil)
        #expect(WilcoxonSignedRankTest(differences: [1, .nan]) == nil)
    }

    @Test func normalApproximationMatchesScipy() throws {
        // rng = numpy.random.default_rng(7); d = numpy.round(rng.normal(0.3, 1.0, 60), 1)
        // scipy.stats.wilcoxon(d, method="asymptotic", correction=True) → (761.0, 0.3507223658625851):
        // one zero dropped, many ties, continuity correction (scipy's default is correction=False,
        // which gives 0.34877545777274277).
        let d = [0.3, 0.6, 0.0, -0.6, -0.2, -0.7, 0.4, 1.6, -0.2, -0.3, 0.8, 0.7, 0.4, -0.6, 0.3, 1.0, -1.0, -0.2, -1.6,
                 -1.0, -1.5, 0.1, -1.0, 0.6, 0.5, 0.1, -2.2, -0.2, 0.3, 0.4, -1.2, -0.2, -0.7, -0.5, 1.4, -0.5, 0.3, 1.2,
                 -0.3, 0.2, 0.4, 0.4, -0.9, 0.4, 1.7, -1.2, 1.2, 0.4, -0.3, 2.3, 1.1, -0.9, 0.4, 0.9, 0.1, 1.0, 0.2, 1.0,
                 1.7, -0.4]
        let test = try #require(WilcoxonSignedRankTest(differences: d))
        #expect(test.count == 59)
        #expect(test.method == .normalApproximation)
        #expect(test.statistic == 761)
        #expect(close(test.pValue, 0.3507223658625851, relative: 1e-10))
    }

    @Test func exactAndApproximationAgreeRoughlyForModerateSamples() throws {
        let d = (1...30).map { Double($0) * ($0 % 3 == 0 ? -1 : 1) }
        let exact = try #require(WilcoxonSignedRankTest(differences: d, method: .exact))
        let normal = try #require(WilcoxonSignedRankTest(differences: d, method: .normalApproximation))
        #expect(abs(exact.pValue - normal.pValue) < 0.01)
    }
}
