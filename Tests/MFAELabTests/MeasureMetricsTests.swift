import Foundation
import MFAECore
import Testing
@testable import MFAELab

/// The end-of-run measurements are stored as final metrics under their ``MetricName``s, in both stores.
@Suite("Measure metrics (both implementations)")
struct MeasureMetricsTests {
    let owner = Provenance(gitRevision: "abc1234", host: ProcessInfo.processInfo.hostName,
                           pid: ProcessInfo.processInfo.processIdentifier)

    static func measures() -> RunMeasures {
        var measures = RunMeasures()
        measures.coldStart = ColdStartCurve(points: ColdStartEvaluation.historyLengths.enumerated().map { index, n in
            ColdStartCurve.Point(given: n, model: Metrics(squaredErrorSum: Double(10 - index), absoluteErrorSum: 1, count: 10),
                                 baseline: Metrics(squaredErrorSum: 9, absoluteErrorSum: 1, count: 10))
        })
        measures.ranking = RankingMetrics(cutoff: 10, threshold: 4, recall: 0.25, ndcg: 0.2, mrr: 0.3, coverage: 0.1,
                                          users: 90, usersWithoutRelevant: 4, seconds: 0.01)
        measures.foldInUsersPerSecond = 12_345
        measures.foldInUsersPerSecondOneThread = 7_000
        measures.foldInThreads = 2
        measures.itemSpace = ItemSpaceMeasures(
            minimumRatings: 20, neighbours: 10, items: 800, euclidean: CoherenceFigure(share: 0.6, jaccard: 0.3),
            cosine: CoherenceFigure(share: 0.7, jaccard: 0.35), random: CoherenceFigure(share: 0.4, jaccard: 0.15),
            coRating: CoherenceFigure(share: 0.75, jaccard: 0.4),
            franchise: FranchiseMeasures(euclidean: 40, cosine: 30, random: 450, coRating: 12, franchises: 5, pairs: 24, pool: 900))
        measures.seconds = 0.5
        return measures
    }

    @Test func everyHistoryLengthHasNames() {
        for n in ColdStartEvaluation.historyLengths {
            #expect(MetricName.coldStartRMSE(given: n)?.rawValue == "cold_rmse@" + (n.map(String.init) ?? "all"))
            #expect(MetricName.coldStartBaselineRMSE(given: n)?.rawValue == "cold_baseline_rmse@" + (n.map(String.init) ?? "all"))
        }
        #expect(MetricName.coldStartRMSE(given: 4) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func measuresAreStoredAsMetrics(kind: StoreKind) throws {
        let store = try kind.make()
        let plan = try LabFixtures.plan()
        _ = try plan.record(in: store)
        let job = plan.jobs[0]
        guard case let .claimed(runID, _) = try store.claim(key: job.key, owner: owner, policy: ClaimPolicy()) else {
            Issue.record("not claimed"); return
        }
        var result = try LabFixtures.FakeTrainer().function(job.run.configuration, LabFixtures.ratings, { false }, { _ in })
        result.measures = Self.measures()
        #expect(try store.finish(runID: runID, owner: owner, result: result, wallSeconds: 1))
        let stored = try store.run(id: runID)
        #expect(stored?.metric(.coldRMSE1) == 1)
        #expect(stored?.metric(.coldRMSEAll).map { abs($0 - 0.3.squareRoot()) < 1e-12 } == true)
        #expect(stored?.metric(.coldBaselineRMSE5).map { abs($0 - 0.9.squareRoot()) < 1e-12 } == true)
        #expect(stored?.metric(.recallAt10) == 0.25)
        #expect(stored?.metric(.ndcgAt10) == 0.2)
        #expect(stored?.metric(.mrr) == 0.3)
        #expect(stored?.metric(.coverageAt10) == 0.1)
        #expect(stored?.metric(.rankingUsers) == 90)
        #expect(stored?.metric(.rankingUsersWithoutRelevant) == 4)
        #expect(stored?.metric(.foldInUsersPerSecond) == 12_345)
        #expect(stored?.metric(.foldInUsersPerSecondOneThread) == 7_000)
        #expect(stored?.metric(.coherenceShareCosine) == 0.7)
        #expect(stored?.metric(.coherenceJaccardCoRating) == 0.4)
        #expect(stored?.metric(.franchiseRankRandom) == 450)
        #expect(stored?.metric(.franchisePairs) == 24)
        #expect(stored?.metric(.measureSeconds) == 0.5)
    }
}
