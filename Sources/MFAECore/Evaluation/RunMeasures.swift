import Foundation

/// The measurements a run takes once at the end, with the kept (best-epoch) parameters, beyond the
/// test errors: the cold-start curve and fold-in throughput (`heldout`), top-N ranking metrics
/// (`warm`, `heldout`), and the coherence of the item space (latent models on data with genres).
/// Each is nil where it does not apply.
public struct RunMeasures: Codable, Sendable, Equatable {
    /// Test RMSE by history length (``ColdStartEvaluation``); `heldout` only.
    public var coldStart: ColdStartCurve?
    /// Top-N metrics of the test users (``TopNEvaluation``); `warm` and `heldout`, every model but
    /// `global_mean` (whose scores all tie, so its list is the catalogue order).
    public var ranking: RankingMetrics?
    /// New users folded in per second on ``foldInThreads`` threads; `heldout`, latent models.
    public var foldInUsersPerSecond: Double?
    /// The same on one thread, measured the same way just before.
    public var foldInUsersPerSecondOneThread: Double?
    /// The threads of ``foldInUsersPerSecond``: every core of the machine.
    public var foldInThreads: Int?
    /// Neighbour coherence and the franchise check; latent models on data with genres.
    public var itemSpace: ItemSpaceMeasures?
    /// Wall seconds all these measurements took (not part of the fit's seconds).
    public var seconds: Double = 0

    /// No measurements.
    public init() {}

    /// Takes every measurement that applies to `model`, trained as `configuration` says on `split`
    /// of `data`. `representation` gives the representation of test users the run's test pass used.
    public static func measure(_ model: FactorModel, configuration: TrainingConfiguration, data: RatingSet,
                               split: ProtocolSplit, clip: ClosedRange<Float>?,
                               representation: () -> UserRepresentation) -> RunMeasures {
        let clock = Stopwatch()
        var measures = RunMeasures()
        let c = configuration
        if c.evaluationProtocol == .heldout {
            let baseline = UserBiasBaseline(train: split.train, itemCount: data.itemCount)
            measures.coldStart = ColdStartEvaluation.evaluate(model, on: split.test, seed: c.seed,
                                                              representation: representation, baseline: baseline,
                                                              clip: clip)
            if c.model.isLatent {
                let threads = ProcessInfo.processInfo.activeProcessorCount
                let ridge = c.model == .mf ? RidgeFoldIn.penalty(for: c, trainCount: split.train.count) : nil
                if let rates = FoldInThroughput.measure(model, input: split.test.input, ridge: ridge, threads: threads) {
                    measures.foldInUsersPerSecond = rates.allThreads
                    measures.foldInUsersPerSecondOneThread = rates.oneThread
                    measures.foldInThreads = rates.threads
                }
            }
        }
        if c.evaluationProtocol != .reconstruction && c.model != .globalMean {
            measures.ranking = TopNEvaluation.evaluate(model, on: split.test, representation: representation(),
                                                       threshold: c.relevanceThreshold)
        }
        if c.model.isLatent, model.k > 0, let genres = data.itemGenres {
            measures.itemSpace = ItemSpaceMeasures.measure(model.itemParameters, genres: genres, titles: data.itemTitles,
                                                           train: split.train)
        }
        measures.seconds = clock.elapsedSeconds
        return measures
    }
}

/// How meaningful an item space is: genre coherence of nearest neighbours (``NeighbourCoherence``)
/// and the franchise check (``FranchiseRank``), for the decoder's vectors by Euclidean distance and
/// cosine, beside the random and co-rating references.
public struct ItemSpaceMeasures: Codable, Sendable, Equatable {
    /// Training ratings an item needed to be evaluated.
    public var minimumRatings: Int
    /// Neighbours per item.
    public var neighbours: Int
    /// Items evaluated (eligible: enough ratings and a genre).
    public var items: Int
    /// Coherence by Euclidean distance of decoder vectors.
    public var euclidean: CoherenceFigure
    /// Coherence by cosine of decoder vectors.
    public var cosine: CoherenceFigure
    /// Expected coherence of random neighbours.
    public var random: CoherenceFigure
    /// Coherence by co-rating cosine; nil when the data is too dense to compute it cheaply.
    public var coRating: CoherenceFigure?
    /// The franchise check; nil when no franchise has two members among the eligible items.
    public var franchise: FranchiseMeasures?

    /// Measurements from their parts.
    public init(minimumRatings: Int, neighbours: Int, items: Int, euclidean: CoherenceFigure, cosine: CoherenceFigure,
                random: CoherenceFigure, coRating: CoherenceFigure?, franchise: FranchiseMeasures?) {
        self.minimumRatings = minimumRatings; self.neighbours = neighbours; self.items = items
        self.euclidean = euclidean; self.cosine = cosine; self.random = random; self.coRating = coRating
        self.franchise = franchise
    }

    /// Co-rating is skipped above this many (user, rating, rating) triples (Σ users' counts²).
    public static let coRatingBudget = 400_000_000

    /// Measures `parameters` with `genres`, items eligible by their rating counts in `train`.
    public static func measure(_ parameters: ItemParameters, genres: ItemGenres, titles: [String], train: RatingsByUser,
                               minimumRatings: Int = NeighbourCoherence.defaultMinimumRatings,
                               neighbours: Int = NeighbourCoherence.defaultCount) -> ItemSpaceMeasures {
        let index = CoRatingIndex(train: train, itemCount: genres.itemCount)
        let counts = index.ratingCounts
        let items = NeighbourCoherence.eligibleItems(ratingCounts: counts, genres: genres.sets,
                                                     minimumRatings: minimumRatings)
        let coRating: ItemSimilarity? = index.pairCount <= coRatingBudget ? .coRating(index) : nil
        let sets = genres.sets
        func coherence(_ similarity: ItemSimilarity) -> CoherenceFigure {
            NeighbourCoherence.measure(similarity, items: items, genres: sets, count: neighbours)
        }
        // The franchise pool: every item with enough ratings, genre or not.
        let pool = counts.indices.filter { counts[$0] >= minimumRatings && $0 < parameters.biases.count }
        let members = FranchiseRank.members(of: Franchise.movieLens, titles: titles, pool: pool)
        var franchise: FranchiseMeasures?
        if !members.isEmpty, let euclidean = FranchiseRank.meanRank(.euclidean(parameters), franchises: members, pool: pool),
           let cosine = FranchiseRank.meanRank(.cosine(parameters), franchises: members, pool: pool) {
            franchise = FranchiseMeasures(
                euclidean: euclidean, cosine: cosine, random: FranchiseRank.randomRank(pool: pool.count),
                coRating: coRating.flatMap { FranchiseRank.meanRank($0, franchises: members, pool: pool) },
                franchises: members.count, pairs: members.reduce(0) { $0 + $1.count * ($1.count - 1) }, pool: pool.count)
        }
        return ItemSpaceMeasures(minimumRatings: minimumRatings, neighbours: neighbours, items: items.count,
                                 euclidean: coherence(.euclidean(parameters)), cosine: coherence(.cosine(parameters)),
                                 random: NeighbourCoherence.random(items: items, genres: sets),
                                 coRating: coRating.map(coherence), franchise: franchise)
    }
}

/// The franchise check's mean ranks (1 = nearest; lower is better).
public struct FranchiseMeasures: Codable, Sendable, Equatable {
    /// By Euclidean distance of decoder vectors.
    public var euclidean: Double
    /// By cosine of decoder vectors.
    public var cosine: Double
    /// Expected under a random order.
    public var random: Double
    /// By co-rating cosine, when computed.
    public var coRating: Double?
    /// Franchises with at least two members in the pool.
    public var franchises: Int
    /// Ordered member pairs averaged over.
    public var pairs: Int
    /// Candidate items (enough training ratings).
    public var pool: Int

    /// Ranks from their parts.
    public init(euclidean: Double, cosine: Double, random: Double, coRating: Double?, franchises: Int, pairs: Int, pool: Int) {
        self.euclidean = euclidean; self.cosine = cosine; self.random = random; self.coRating = coRating
        self.franchises = franchises; self.pairs = pairs; self.pool = pool
    }
}
