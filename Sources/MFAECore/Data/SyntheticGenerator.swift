import Foundation

/// Makes a ``RatingSet`` from ``SyntheticParameters``: a planted low-rank model observed through
/// Gaussian noise, rounded to whole stars, on a sparse pattern with power-law popularity.
///
/// **Who rates what.** Item `i` gets a popularity weight `w_i = r_i^−α` where `r_i` is its 1-based
/// rank in a random order and `α` is `popularity_exponent`. User `u` gets `n_u` ratings:
/// `min_ratings_per_user` plus a share of the rest proportional to `r_u^−β` (`β` is
/// `activity_exponent`), capped at the item count; the total is exactly `ratings`. Each user's
/// `n_u` items are drawn from the popularity weights *without replacement* (successive sampling:
/// an alias table with rejection of repeats, switching to a Fenwick tree without the user's items
/// when repeats get frequent), so there is no duplicate (user, item) pair and popular items
/// saturate at one rating per user. With the default `α = 1` and MovieLens-like density the head
/// saturates (the top items are rated by nearly every user); larger `α` gives a longer tail.
///
/// **What the rating is.** With `k` = `rank`:
/// ```
/// t_ui = μ + b_u + b_i + p_u · q_i          μ = 3.5, b_u ~ N(0, 0.35²), b_i ~ N(0, 0.45²)
/// p_u, q_i ~ N(0, s² I_k),  s² = 0.8 / √k   so that std(p_u · q_i) = √k s² = 0.8
/// r_ui = clip(round(t_ui + σ ε), 1, 5)      ε ~ N(0, 1), σ = noise
/// ```
/// **Noise floor.** ``RatingSet/noiseFloorMSE`` is the MSE of an oracle that knows the planted
/// model and clips like the trainer does:
/// ```
/// noiseFloorMSE = (1/N) Σ_(u,i) (clip(t_ui, 1, 5) − r_ui)²
/// ```
/// About `σ² + 1/12` (noise plus rounding) when clipping is rare; it is a reference, not the Bayes
/// minimum (predicting `E[r | t]` would do slightly better).
///
/// **Ids.** Users are `1…users` in index order; items are numbered by first appearance (user by
/// user) and items nobody rated are dropped, exactly as the readers number them, so writing the set
/// with ``DatasetWriter`` and reading it back gives the same fingerprint. Item `i` keeps the id
/// `i + 1` it was generated with and is titled `Item <id>`.
///
/// **Genres.** Items get planted clusters as genres, derived from the planted item vectors without
/// any further random draw (so the ratings are the same with or without them): item `i`'s one
/// genre is the dimension and sign of its largest-magnitude coordinate, `dim3+` when `q_i3` is the
/// largest and positive; `2 × rank` genres in all (none when `rank` is 0 or above 32). Items with
/// the same genre have planted vectors in the same cone, so a model that recovers the planted space
/// puts them near each other.
///
/// Everything is drawn from one `SplitMix64(seed:purpose: .synthetic)` stream in a fixed order
/// (item model, user model, popularity order, activity order, then user by user: items, noise), so
/// a seed fixes the set bit for bit. Memory: ~13 bytes per rating plus O(users + items); time is
/// O(ratings) draws of O(1), or O(log items) for users that hold most of the popularity weight.
struct SyntheticGenerator {
    /// The rating levels every synthetic set draws from (whole stars).
    static let ratingLevels: [Float] = [1, 2, 3, 4, 5]
    /// The planted global mean `μ`.
    static let globalMean = 3.5
    /// Standard deviation of the user biases `b_u`.
    static let userBiasDeviation = 0.35
    /// Standard deviation of the item biases `b_i`.
    static let itemBiasDeviation = 0.45
    /// Standard deviation of the interaction `p_u · q_i`.
    static let interactionDeviation = 0.8

    /// Validated parameters (see ``SyntheticParameters/validate()``).
    let parameters: SyntheticParameters

    /// Generates the set; `parameters` must be valid.
    func generate() -> RatingSet {
        let p = parameters
        var random = SplitMix64(seed: p.seed, purpose: .synthetic)
        let itemModel = PlantedVectors(count: p.items, rank: p.rank, biasDeviation: Self.itemBiasDeviation,
                                       using: &random)
        let userModel = PlantedVectors(count: p.users, rank: p.rank, biasDeviation: Self.userBiasDeviation,
                                       using: &random)
        let itemWeights = Self.powerLawWeights(count: p.items, exponent: p.popularityExponent, using: &random)
        let userWeights = Self.powerLawWeights(count: p.users, exponent: p.activityExponent, using: &random)
        let counts = Self.ratingCounts(weights: userWeights, total: p.ratings, minimum: p.minRatingsPerUser,
                                       maximum: p.items)

        var sampler = ItemSampler(weights: itemWeights)
        var offsets = [Int](repeating: 0, count: p.users + 1)
        var items = [Int32]()
        var values = [Float]()
        items.reserveCapacity(p.ratings)
        values.reserveCapacity(p.ratings)
        var squaredErrorSum = 0.0
        var levelCounts = [Int](repeating: 0, count: Self.ratingLevels.count)
        for user in 0 ..< p.users {
            let start = items.count
            sampler.draw(counts[user], forUser: Int32(user), into: &items, using: &random)
            for position in start ..< items.count {
                let item = Int(items[position])
                let truth = Self.globalMean + userModel.bias[user] + itemModel.bias[item]
                    + userModel.dot(user, itemModel, item)
                let observed = min(max((truth + p.noise * random.nextGaussian()).rounded(), 1), 5)
                let error = min(max(truth, 1), 5) - observed
                squaredErrorSum += error * error
                values.append(Float(observed))
                levelCounts[Int(observed) - 1] += 1
            }
            offsets[user + 1] = items.count
        }

        // Number items by first appearance, as the readers do, dropping items nobody rated: a set
        // written by `DatasetWriter` and read back then has the same indices and fingerprint.
        var newIndex = [Int32](repeating: -1, count: p.items)
        var ratedItems: [Int] = []
        for position in 0 ..< items.count {
            let item = Int(items[position])
            if newIndex[item] < 0 {
                newIndex[item] = Int32(ratedItems.count)
                ratedItems.append(item)
            }
            items[position] = newIndex[item]
        }

        // Levels are the whole stars that occur (all five unless the set is tiny or very noisy).
        let levels = zip(Self.ratingLevels, levelCounts).filter { $0.1 > 0 }.map(\.0)
        var levelOfStar = [Int32](repeating: 0, count: Self.ratingLevels.count)
        for (index, level) in levels.enumerated() { levelOfStar[Int(level) - 1] = Int32(index) }
        let levelCount = Int32(levels.count)
        var codes = [Int32](repeating: 0, count: items.count)
        for position in 0 ..< items.count {
            codes[position] = items[position] * levelCount + levelOfStar[Int(values[position]) - 1]
        }

        let itemIDs = ratedItems.map { String($0 + 1) }
        let grouped = RatingsByUser(users: (0 ..< Int32(p.users)).map { $0 }, offsets: offsets,
                                    items: items, codes: codes, values: values)
        return RatingSet(name: "synthetic", userIDs: (1 ... p.users).map { String($0) }, itemIDs: itemIDs,
                         itemTitles: itemIDs.map { "Item \($0)" }, levels: levels, ratings: grouped,
                         noiseFloorMSE: squaredErrorSum / Double(max(items.count, 1)),
                         itemGenres: Self.plantedGenres(itemModel, items: ratedItems))
    }

    /// The planted clusters as genres (see the type's documentation), for `items` in that order.
    private static func plantedGenres(_ model: PlantedVectors, items: [Int]) -> ItemGenres? {
        let rank = model.rank
        guard rank > 0, 2 * rank <= ItemGenres.maximumCount else { return nil }
        let names = (1 ... rank).flatMap { ["dim\($0)+", "dim\($0)−"] }
        let sets = items.map { item -> UInt64 in
            var best = 0
            for d in 1 ..< rank where abs(model.factors[item * rank + d]) > abs(model.factors[item * rank + best]) {
                best = d
            }
            let negative = model.factors[item * rank + best] < 0
            return 1 << UInt64(2 * best + (negative ? 1 : 0))
        }
        return ItemGenres(names: names, sets: sets)
    }

    /// Weights `r^−exponent` where `r` is each index's 1-based rank in a random order, so that
    /// popularity is not tied to the index.
    static func powerLawWeights(count: Int, exponent: Double, using random: inout SplitMix64) -> [Double] {
        var ranks = Array(0 ..< count)
        ranks.shuffle(using: &random)
        return ranks.map { exponent == 0 ? 1 : pow(Double($0 + 1), -exponent) }
    }

    /// Ratings per user: `minimum` each, the remaining `total − users × minimum` shared in proportion to
    /// `weights`, never more than `maximum`. Sums to `total` exactly; O(users log users).
    ///
    /// Needs `users × minimum ≤ total ≤ users × maximum`. Users are taken heaviest first (index
    /// breaking ties): those whose share would pass `maximum` get `maximum` and leave the pool; the
    /// rest share what is left by rounding the running total down (systematic rounding), so every
    /// count is its exact share rounded down or up and the sum is exact.
    static func ratingCounts(weights: [Double], total: Int, minimum: Int, maximum: Int) -> [Int] {
        var counts = [Int](repeating: minimum, count: weights.count)
        var remaining = total - minimum * weights.count
        let room = maximum - minimum
        let order = weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        // suffixWeight[k]: total weight of order[k...], summed lightest first for accuracy.
        var suffixWeight = [Double](repeating: 0, count: order.count + 1)
        for k in stride(from: order.count - 1, through: 0, by: -1) {
            suffixWeight[k] = suffixWeight[k + 1] + weights[order[k]]
        }
        var first = 0
        while first < order.count, remaining > 0,
              Double(remaining) * weights[order[first]] / suffixWeight[first] >= Double(room) {
            counts[order[first]] = maximum
            remaining -= room
            first += 1
        }
        guard first < order.count, remaining > 0 else { return counts }
        let share = Double(remaining) / suffixWeight[first]
        var cumulative = 0.0, given = 0
        for user in order[first...] {
            cumulative += weights[user]
            let target = min(Int((share * cumulative).rounded(.down)), remaining)
            let added = min(target - given, room)
            counts[user] += added
            given += added
        }
        // Rounding in the sums can leave a few ratings over: hand them out one by one, heaviest first.
        var next = first
        while given < remaining {
            let user = order[next]
            if counts[user] < maximum {
                counts[user] += 1
                given += 1
            }
            next = next + 1 == order.count ? first : next + 1
        }
        return counts
    }
}

/// The planted biases and latent vectors of one side (users or items), drawn from Gaussians.
private struct PlantedVectors {
    /// Bias of each row.
    var bias: [Double]
    /// Row-major latent vectors, `rank` per row.
    var factors: [Double]
    /// Length of each latent vector.
    var rank: Int

    /// Draws `count` rows: biases with standard deviation `biasDeviation`, factors with variance
    /// `s² = interactionDeviation / √rank`, rows in order, bias first.
    init(count: Int, rank: Int, biasDeviation: Double, using random: inout SplitMix64) {
        self.rank = rank
        let scale = rank > 0 ? (SyntheticGenerator.interactionDeviation / Double(rank).squareRoot()).squareRoot() : 0
        bias = [Double](repeating: 0, count: count)
        factors = [Double](repeating: 0, count: count * rank)
        for row in 0 ..< count {
            bias[row] = biasDeviation * random.nextGaussian()
            for k in 0 ..< rank { factors[row * rank + k] = scale * random.nextGaussian() }
        }
    }

    /// `p_row · q_otherRow`, in a fixed order.
    @inline(__always)
    func dot(_ row: Int, _ other: PlantedVectors, _ otherRow: Int) -> Double {
        var sum = 0.0
        let a = row * rank, b = otherRow * rank
        for k in 0 ..< rank { sum += factors[a + k] * other.factors[b + k] }
        return sum
    }
}

/// Draws a user's items from popularity weights without replacement (successive sampling).
///
/// Weights are first rounded to integers, the largest being 2³² (each at least 1), and both
/// samplers use the rounded weights, so they draw from the same distribution.
private struct ItemSampler {
    /// Weight of the most popular item after rounding.
    private static let scale = 4_294_967_296.0
    private let table: AliasTable
    private var tree: WeightTree
    /// `lastUser[i] == u` when user `u` already has item `i`; one array serves every user.
    private var lastUser: [Int32]

    /// A sampler over `weights` (one per item, positive).
    init(weights: [Double]) {
        let largest = weights.max() ?? 1
        let rounded = weights.map { max(1, UInt64(($0 / largest * Self.scale).rounded())) }
        table = AliasTable(weights: rounded.map(Double.init))
        tree = WeightTree(weights: rounded)
        lastUser = [Int32](repeating: -1, count: weights.count)
    }

    /// Appends `count` distinct items for `user` to `items`.
    ///
    /// Draws from the alias table (O(1)) and rejects repeats. When the user already holds so much of
    /// the weight that `3 count + 32` draws were not enough, it finishes from a weight tree with the
    /// user's items taken out (O(log items) a draw, no repeats), then puts them back. Given the items
    /// drawn so far, both continue the same successive sampling, so switching changes no probability.
    mutating func draw(_ count: Int, forUser user: Int32, into items: inout [Int32], using random: inout SplitMix64) {
        let start = items.count
        var attempts = 0
        let budget = 3 * count + 32
        while items.count - start < count {
            if attempts >= budget {
                finishFromTree(count - (items.count - start), forUser: user, into: &items, from: start,
                               using: &random)
                return
            }
            attempts += 1
            let item = table.sample(using: &random)
            if lastUser[item] == user { continue }
            lastUser[item] = user
            items.append(Int32(item))
        }
    }

    /// Draws `remaining` more items for `user` from the tree without the items at `items[start...]`.
    private mutating func finishFromTree(_ remaining: Int, forUser user: Int32, into items: inout [Int32],
                                         from start: Int, using random: inout SplitMix64) {
        for position in start ..< items.count { tree.remove(Int(items[position])) }
        for _ in 0 ..< remaining {
            let item = tree.sample(using: &random)
            tree.remove(item)
            lastUser[item] = user
            items.append(Int32(item))
        }
        for position in start ..< items.count { tree.restore(Int(items[position])) }
    }
}
