import MFAECore

extension MetricName {
    /// Whether a larger value is better (ranking metrics, coherence, throughput); errors and ranks
    /// are better small.
    public var isHigherBetter: Bool {
        switch self {
        case .recallAt10, .ndcgAt10, .mrr, .coverageAt10, .coherenceShareEuclidean, .coherenceJaccardEuclidean,
             .coherenceShareCosine, .coherenceJaccardCosine, .coherenceShareRandom, .coherenceJaccardRandom,
             .coherenceShareCoRating, .coherenceJaccardCoRating, .foldInUsersPerSecond, .foldInUsersPerSecondOneThread:
            return true
        default:
            return false
        }
    }

    /// Whether the metric measures the machine rather than the model (times, rates, thread counts):
    /// it differs between runs of one configuration, so merges and reproducibility checks ignore it.
    public var isMachineDependent: Bool {
        switch self {
        case .trainSeconds, .epochSecondsMedian, .foldInMillisecondsPerUser, .foldInUsersPerSecond,
             .foldInUsersPerSecondOneThread, .foldInThreads,
             .rankingSeconds, .measureSeconds:
            return true
        default:
            return false
        }
    }

    /// The cold-start metric of the run's model with at most `given` ratings (nil: all), if measured.
    public static func coldStartRMSE(given: Int?) -> MetricName? {
        coldStartNames[given].map(\.model)
    }

    /// The cold-start metric of the item-bias + user-offset baseline with at most `given` ratings.
    public static func coldStartBaselineRMSE(given: Int?) -> MetricName? {
        coldStartNames[given].map(\.baseline)
    }

    /// The names of each history length of ``ColdStartEvaluation/historyLengths``.
    private static let coldStartNames: [Int?: (model: MetricName, baseline: MetricName)] = [
        1: (.coldRMSE1, .coldBaselineRMSE1), 2: (.coldRMSE2, .coldBaselineRMSE2), 3: (.coldRMSE3, .coldBaselineRMSE3),
        5: (.coldRMSE5, .coldBaselineRMSE5), 10: (.coldRMSE10, .coldBaselineRMSE10),
        20: (.coldRMSE20, .coldBaselineRMSE20), 50: (.coldRMSE50, .coldBaselineRMSE50),
        nil: (.coldRMSEAll, .coldBaselineRMSEAll),
    ]
}

extension RunMeasures {
    /// The measurements as final metrics, by name; what does not apply is absent.
    public var metricValues: [MetricName: Double] {
        var values: [MetricName: Double] = [.measureSeconds: seconds]
        for point in coldStart?.points ?? [] {
            if let name = MetricName.coldStartRMSE(given: point.given) { values[name] = point.model.rmse }
            if let name = MetricName.coldStartBaselineRMSE(given: point.given) { values[name] = point.baseline.rmse }
        }
        if let rate = foldInUsersPerSecond { values[.foldInUsersPerSecond] = rate }
        if let rate = foldInUsersPerSecondOneThread { values[.foldInUsersPerSecondOneThread] = rate }
        if let threads = foldInThreads { values[.foldInThreads] = Double(threads) }
        if let ranking {
            values[.recallAt10] = ranking.recall
            values[.ndcgAt10] = ranking.ndcg
            values[.mrr] = ranking.mrr
            values[.coverageAt10] = ranking.coverage
            values[.rankingUsers] = Double(ranking.users)
            values[.rankingUsersWithoutRelevant] = Double(ranking.usersWithoutRelevant)
            values[.rankingSeconds] = ranking.seconds
        }
        if let space = itemSpace {
            values[.coherenceItems] = Double(space.items)
            values[.coherenceShareEuclidean] = space.euclidean.share
            values[.coherenceJaccardEuclidean] = space.euclidean.jaccard
            values[.coherenceShareCosine] = space.cosine.share
            values[.coherenceJaccardCosine] = space.cosine.jaccard
            values[.coherenceShareRandom] = space.random.share
            values[.coherenceJaccardRandom] = space.random.jaccard
            if let coRating = space.coRating {
                values[.coherenceShareCoRating] = coRating.share
                values[.coherenceJaccardCoRating] = coRating.jaccard
            }
            if let franchise = space.franchise {
                values[.franchiseRankEuclidean] = franchise.euclidean
                values[.franchiseRankCosine] = franchise.cosine
                values[.franchiseRankRandom] = franchise.random
                if let coRating = franchise.coRating { values[.franchiseRankCoRating] = coRating }
                values[.franchisePairs] = Double(franchise.pairs)
            }
        }
        return values
    }
}
