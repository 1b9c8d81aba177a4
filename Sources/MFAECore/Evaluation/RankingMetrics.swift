/// Top-N ranking metrics with full ranking (every candidate item scored, no sampled negatives:
/// sampled metrics can reverse comparisons, Krichene & Rendle, KDD 2020).
///
/// For a user with relevant items `R` (test ratings ≥ the threshold) and top-N list `L` (N =
/// ``cutoff``), binary relevance:
/// ```
/// Recall@N = |L ∩ R| / |R|
/// NDCG@N   = Σ_{r ≤ N, L_r ∈ R} 1/log2(r + 1)  /  Σ_{r ≤ min(|R|, N)} 1/log2(r + 1)
/// MRR      = 1 / (rank of R's best-ranked item in the full ranking)
/// ```
/// each averaged over the users with at least one relevant item; users without one are left out
/// of the means and counted in ``usersWithoutRelevant``. Coverage@N is the fraction of the
/// catalogue that appears in at least one ranked user's top-N list (every ranked user counts).
public struct RankingMetrics: Codable, Sendable, Equatable {
    /// N of the top-N lists.
    public var cutoff: Int
    /// The smallest rating that makes a test item relevant.
    public var threshold: Float
    /// Mean Recall@N.
    public var recall: Double
    /// Mean NDCG@N.
    public var ndcg: Double
    /// Mean reciprocal rank of the first relevant item.
    public var mrr: Double
    /// Fraction of the catalogue in some top-N list.
    public var coverage: Double
    /// Users with at least one relevant item: those the means are over.
    public var users: Int
    /// Users ranked but left out of the means because none of their test items is relevant.
    public var usersWithoutRelevant: Int
    /// Wall seconds the ranking took (representations, scoring, selection).
    public var seconds: Double

    /// Metrics from their parts.
    public init(cutoff: Int, threshold: Float, recall: Double, ndcg: Double, mrr: Double, coverage: Double,
                users: Int, usersWithoutRelevant: Int, seconds: Double) {
        self.cutoff = cutoff; self.threshold = threshold; self.recall = recall; self.ndcg = ndcg; self.mrr = mrr
        self.coverage = coverage; self.users = users; self.usersWithoutRelevant = usersWithoutRelevant
        self.seconds = seconds
    }
}

/// Running sums of ``RankingMetrics``, one user at a time in a fixed order.
public struct RankingAccumulator: Sendable {
    /// N of the top-N lists.
    public let cutoff: Int
    private var recallSum = 0.0, ndcgSum = 0.0, reciprocalRankSum = 0.0
    private var users = 0, usersWithoutRelevant = 0
    private var recommended: [Bool]

    /// Empty sums for top-`cutoff` lists over a catalogue of `itemCount` items.
    public init(cutoff: Int, itemCount: Int) {
        self.cutoff = cutoff
        recommended = [Bool](repeating: false, count: itemCount)
    }

    /// Adds one user: the user's top-N list (best first), whether each item is relevant, and the
    /// 1-based full-ranking rank of the user's best-ranked relevant item (nil when there is none).
    public mutating func add(topItems: [Int], isRelevant: (Int) -> Bool, relevantCount: Int, firstRelevantRank: Int?) {
        for item in topItems.prefix(cutoff) where item < recommended.count { recommended[item] = true }
        guard relevantCount > 0 else {
            usersWithoutRelevant += 1
            return
        }
        users += 1
        var hits = 0, dcg = 0.0
        for (position, item) in topItems.prefix(cutoff).enumerated() where isRelevant(item) {
            hits += 1
            dcg += 1 / log2(Double(position + 2))
        }
        var ideal = 0.0
        for position in 0 ..< min(relevantCount, cutoff) { ideal += 1 / log2(Double(position + 2)) }
        recallSum += Double(hits) / Double(relevantCount)
        ndcgSum += dcg / ideal
        if let rank = firstRelevantRank { reciprocalRankSum += 1 / Double(rank) }
    }

    /// The metrics of what was added.
    public func metrics(threshold: Float, seconds: Double) -> RankingMetrics {
        let n = Double(max(users, 1))
        let covered = recommended.lazy.filter { $0 }.count
        return RankingMetrics(cutoff: cutoff, threshold: threshold,
                              recall: users > 0 ? recallSum / n : .nan, ndcg: users > 0 ? ndcgSum / n : .nan,
                              mrr: users > 0 ? reciprocalRankSum / n : .nan,
                              coverage: recommended.isEmpty ? .nan : Double(covered) / Double(recommended.count),
                              users: users, usersWithoutRelevant: usersWithoutRelevant, seconds: seconds)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
