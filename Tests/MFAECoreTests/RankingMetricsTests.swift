import Foundation
import MFAECore
import Testing

/// Top-N ranking: the partial sort and its tie rule, the metrics against hand-computed values, users
/// without relevant items left out of the means and counted, and the relevance threshold.
@Suite struct RankingMetricsTests {
    @Test func topSelectionMatchesAFullSortWithTiesByIndex() {
        let scores: [Double] = [0.5, 0.9, 0.9, 0.1, 0.7, 0.9, -1, 0.5]
        var selection = TopSelection(capacity: 5)
        for (index, score) in scores.enumerated() { selection.offer(index: index, score: score) }
        let sorted = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        #expect(selection.indices == Array(sorted.prefix(5)))
        #expect(selection.indices == [1, 2, 5, 4, 0])
    }

    @Test func rankExcludesInputItemsAndBreaksTiesByIndex() {
        // Candidates (item 4 excluded): 1 (0.9), 2 (0.9, tie: after 1), 0 (0.5), 3 (0.1).
        let ranked = TopNEvaluation.rank(scores: [0.5, 0.9, 0.9, 0.1, 0.95], isExcluded: [false, false, false, false, true],
                                         relevant: [0, 3], cutoff: 2)
        #expect(ranked.top == [1, 2])
        #expect(ranked.firstRelevantRank == 3)
        let tied = TopNEvaluation.rank(scores: [1, 1, 1], isExcluded: [false, false, false], relevant: [2, 1], cutoff: 3)
        #expect(tied.top == [0, 1, 2])
        #expect(tied.firstRelevantRank == 2)
    }

    @Test func accumulatorByHand() {
        var accumulator = RankingAccumulator(cutoff: 3, itemCount: 6)
        // One hit at position 2 of 3, two relevant items (one ranked 2nd, the other below the cut).
        let relevant: Set<Int> = [2, 5]
        accumulator.add(topItems: [1, 2, 0], isRelevant: relevant.contains, relevantCount: 2, firstRelevantRank: 2)
        // No relevant item: counted, not averaged; its list still counts for coverage.
        accumulator.add(topItems: [3, 1, 0], isRelevant: { _ in false }, relevantCount: 0, firstRelevantRank: nil)
        let metrics = accumulator.metrics(threshold: 4, seconds: 0)
        let dcg = 1 / log2(3.0)
        #expect(metrics.users == 1)
        #expect(metrics.usersWithoutRelevant == 1)
        #expect(abs(metrics.recall - 0.5) < 1e-12)
        #expect(abs(metrics.ndcg - dcg / (1 + dcg)) < 1e-12)
        #expect(abs(metrics.mrr - 0.5) < 1e-12)
        #expect(abs(metrics.coverage - 4.0 / 6.0) < 1e-12)
    }

    @Test func everyUserWithoutRelevantItemsGivesNaNMeans() {
        var accumulator = RankingAccumulator(cutoff: 2, itemCount: 3)
        accumulator.add(topItems: [0, 1], isRelevant: { _ in false }, relevantCount: 0, firstRelevantRank: nil)
        let metrics = accumulator.metrics(threshold: 4, seconds: 0)
        #expect(metrics.users == 0 && metrics.usersWithoutRelevant == 1)
        #expect(metrics.recall.isNaN && metrics.ndcg.isNaN && metrics.mrr.isNaN)
        #expect(abs(metrics.coverage - 2.0 / 3.0) < 1e-12)
    }

    /// An item-bias model (k = 0) ranks by item bias; the input item is not a candidate.
    func itemBiasModel() -> FactorModel {
        let model = FactorModel(encoder: .perUser, encoderRows: 2, itemCount: 5, k: 0, offset: 3)
        for (item, bias) in [Float(0.1), 0.3, 0.3, -0.2, 0.5].enumerated() { model.decoder.itemBias.values[item] = bias }
        return model
    }

    func evaluationSet() -> EvaluationSet {
        var input = RatingsByUser(), targets = RatingsByUser()
        input.appendRow(user: 0, items: [4], codes: [0], values: [5])
        targets.appendRow(user: 0, items: [0, 2, 3], codes: [0, 0, 0], values: [2, 5, 4])
        input.appendRow(user: 1, items: [0], codes: [0], values: [3])
        targets.appendRow(user: 1, items: [1], codes: [0], values: [3])
        return EvaluationSet(input: input, targets: targets)
    }

    @Test func fullRankingOfAModelByHand() {
        // User 0: candidates 1 (0.3), 2 (0.3), 0 (0.1), 3 (−0.2); relevant {2, 3}; top 2 = [1, 2].
        // User 1: candidates 4, 1, 2, 3; nothing relevant (one rating of 3).
        let metrics = TopNEvaluation.evaluate(itemBiasModel(), on: evaluationSet(), representation: .encode(.keepAll),
                                              threshold: 4, cutoff: 2)
        let dcg = 1 / log2(3.0)
        #expect(metrics.users == 1)
        #expect(metrics.usersWithoutRelevant == 1)
        #expect(abs(metrics.recall - 0.5) < 1e-12)
        #expect(abs(metrics.ndcg - dcg / (1 + dcg)) < 1e-12)
        #expect(abs(metrics.mrr - 0.5) < 1e-12)
        #expect(abs(metrics.coverage - 3.0 / 5.0) < 1e-12)  // items 1, 2 (user 0) and 4 (user 1)
    }

    @Test func thresholdDecidesRelevance() {
        // At 5 stars only item 2 is relevant for user 0: hit at position 2, recall 1, NDCG 1/log2(3).
        let metrics = TopNEvaluation.evaluate(itemBiasModel(), on: evaluationSet(), representation: .encode(.keepAll),
                                              threshold: 5, cutoff: 2)
        #expect(metrics.users == 1)
        #expect(abs(metrics.recall - 1) < 1e-12)
        #expect(abs(metrics.ndcg - 1 / log2(3.0)) < 1e-12)
        // At 1 star user 1 counts too: its item 1 ranks second, after item 4 (user 0's input, not
        // user 1's); user 0's best relevant item (2) is second too.
        let all = TopNEvaluation.evaluate(itemBiasModel(), on: evaluationSet(), representation: .encode(.keepAll),
                                          threshold: 1, cutoff: 2)
        #expect(all.users == 2 && all.usersWithoutRelevant == 0)
        #expect(abs(all.mrr - 0.5) < 1e-12)
        #expect(abs(all.recall - (1.0 / 3 + 1) / 2) < 1e-12)
    }

    @Test func relevanceThresholdIsKeyedOnlyWhenSet() throws {
        var configuration = TrainingConfiguration()
        #expect(configuration.relevanceThreshold == 4)
        #expect(ConfigurationKey.named("relevance_threshold")?.legacyValue == .real(4))
        // At its default the run key's text is what it was before the key existed.
        #expect(!configuration.canonicalText.contains("relevance_threshold"))
        configuration.relevanceThreshold = 5
        #expect(configuration.canonicalText.contains("relevance_threshold=5"))
        configuration.model = .globalMean  // ranks nothing: the threshold is irrelevant
        #expect(!configuration.canonicalText.contains("relevance_threshold"))
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(#"{"relevance_threshold": 3.5}"#.utf8))
        #expect(decoded.relevanceThreshold == 3.5)
    }
}
