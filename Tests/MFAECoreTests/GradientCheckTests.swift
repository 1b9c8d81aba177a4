import MFAECore
import MFAETestSupport
import Testing

/// Finite-difference checks of every parameter table of both models, both normalisations and both priors.
@Suite struct GradientCheckTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var kind: UserEncoder.Kind
        var regularization: Regularization
        var testDescription: String { "\(kind) \(regularization)" }
    }

    static let cases: [Case] = [
        Case(kind: .perUser, regularization: .table), Case(kind: .perUser, regularization: .perExample),
        Case(kind: .pooledCodes(.all), regularization: .table), Case(kind: .pooledCodes(.all), regularization: .perExample),
        Case(kind: .pooledCodes(.kept), regularization: .table), Case(kind: .pooledCodes(.kept), regularization: .perExample),
    ]

    @Test(arguments: cases)
    func analyticGradientMatchesFiniteDifferences(_ testCase: Case) {
        let data = Fixtures.planted(users: 12, items: 9, perUser: 5)
        let rows = testCase.kind == .perUser ? data.userCount : data.codeCount
        let model = FactorModel(encoder: testCase.kind, encoderRows: rows, itemCount: data.itemCount, k: 4, offset: 0.7)
        var generator = SplitMix64(seed: 11)
        model.initialise(scale: 0.5, generator: &generator)
        let l2: Float = 0.03
        let masks = MaskSchedule(fraction: testCase.kind == .perUser ? 0 : 0.4, seed: 5)
        let comparisons = GradientChecker.check(
            model: model, rows: [3, 0, 7, 5], of: data.ratings, masks: masks,
            tableL2: testCase.regularization == .table ? l2 : 0,
            perExampleL2: testCase.regularization == .perExample ? l2 : 0)
        #expect(Set(comparisons.map(\.table)).count == 4, "every table is checked")
        for comparison in comparisons {
            #expect(comparison.relativeError < 1e-3, "\(comparison)")
        }
    }
}
