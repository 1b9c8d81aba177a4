import MFAECore
import MFAELab
import Testing
@testable import MFAEReport

/// The report's reading of the end-of-run measurements: one spelling with the store, the direction
/// of "better" in paired tests, where cold-start curves cross.
@Suite struct MeasureSectionTests {
    @Test func everyMeasureMetricHasTheStoreSpelling() {
        var measures = RunMeasures()
        measures.coldStart = ColdStartCurve(points: ColdStartEvaluation.historyLengths.map {
            .init(given: $0, model: Metrics(squaredErrorSum: 1, absoluteErrorSum: 1, count: 1),
                  baseline: Metrics(squaredErrorSum: 1, absoluteErrorSum: 1, count: 1))
        })
        measures.ranking = RankingMetrics(cutoff: 10, threshold: 4, recall: 0, ndcg: 0, mrr: 0, coverage: 0, users: 1,
                                          usersWithoutRelevant: 0, seconds: 0)
        measures.foldInUsersPerSecond = 1
        measures.foldInUsersPerSecondOneThread = 1
        measures.foldInThreads = 1
        let figure = CoherenceFigure(share: 0, jaccard: 0)
        measures.itemSpace = ItemSpaceMeasures(minimumRatings: 20, neighbours: 10, items: 1, euclidean: figure, cosine: figure,
                                               random: figure, coRating: figure,
                                               franchise: FranchiseMeasures(euclidean: 1, cosine: 1, random: 1, coRating: 1,
                                                                            franchises: 1, pairs: 2, pool: 3))
        let names = measures.metricValues.keys
        #expect(names.count == 41)
        for n in ColdStartEvaluation.historyLengths {
            #expect(ColdStartComparison.metric(given: n, baseline: false)?.rawValue == MetricName.coldStartRMSE(given: n)?.rawValue)
            #expect(ColdStartComparison.metric(given: n, baseline: true)?.rawValue
                == MetricName.coldStartBaselineRMSE(given: n)?.rawValue)
        }
    }

    func group(_ model: ModelKind, recall: [Double]) -> ConfigurationGroup {
        let runs = recall.enumerated().map { seed, value -> ReportRun in
            var c = TrainingConfiguration()
            c.model = model
            c.seed = UInt64(seed)
            return ReportRun(id: "\(model)-\(seed)", status: .done, configuration: c,
                             metrics: [.recallAt10: value, .testRMSE: 1, .validRMSE: 1])
        }
        return ConfigurationGroup.grouping(runs)[0]
    }

    @Test func higherRecallIsBetter() {
        let better = group(.mfae, recall: [0.20, 0.22, 0.21, 0.23])
        let worse = group(.mf, recall: [0.10, 0.13, 0.10, 0.12])
        #expect(PairedComparison(better, worse, metric: .recallAt10).verdict == .firstBetter)
        #expect(PairedComparison(worse, better, metric: .recallAt10).verdict == .secondBetter)
        #expect(MetricName.recallAt10.isHigherBetter && !MetricName.testRMSE.isHigherBetter)
        #expect(!MetricName.franchiseRankCosine.isHigherBetter)
    }

    @Test func crossingsOfTwoCurves() {
        func series(_ title: String, _ values: [Double?]) -> ColdStartComparison.Series {
            .init(title: title, model: .mfae, isBaseline: false, points: values.map { $0.flatMap { SampleSummary([$0]) } })
        }
        // Lengths 1, 2, 3, 5, 10, 20, 50, all: a is worse up to 5, better from 10 (3 is missing).
        let a = series("a", [1.4, 1.2, nil, 1.05, 0.98, 0.95, 0.94, 0.93])
        let b = series("b", [1.1, 1.05, 1.0, 1.0, 0.99, 0.97, 0.96, 0.95])
        let crossings = ColdStartComparison.crossings(a, b)
        #expect(crossings.count == 1)
        #expect(crossings.first?.before == 5 && crossings.first?.after == 10 && crossings.first?.aBetterAfter == true)
        #expect(ColdStartComparison.crossings(b, b).isEmpty)
        let sentence = ColdStartSection.crossingSentences(ColdStartComparison(series: [a, b], throughput: []))
        #expect(sentence == [.text("a and b cross between 5 and 10 given ratings (a lower from 10).")])
    }
}
