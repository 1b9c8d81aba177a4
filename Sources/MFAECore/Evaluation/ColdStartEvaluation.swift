/// New-user accuracy by history length: under `heldout`, each test user is represented from only
/// the first `n` of their given ratings and scored on the same hidden half.
///
/// The order of each user's given ratings is one seeded shuffle per user, drawn from the run's seed
/// with its own purpose (``RandomPurpose/coldStart``) and nothing else: every model run with the
/// same seed sees the same subsets, and each subset is a prefix of the next. A user with fewer than
/// `n` given ratings uses all of them, so every point scores the same users on the same targets.
public enum ColdStartEvaluation {
    /// The history lengths measured; nil is "all given ratings".
    public static let historyLengths: [Int?] = [1, 2, 3, 5, 10, 20, 50, nil]

    /// For each row of `input`, its rating positions in the seeded order of `seed`.
    /// Depends only on `input` and `seed`. O(ratings).
    public static func order(of input: RatingsByUser, seed: UInt64) -> [[Int]] {
        var generator = SplitMix64(seed: seed, purpose: .coldStart)
        return (0 ..< input.rowCount).map { row in
            var positions = Array(input.range(ofRow: row))
            positions.shuffle(using: &generator)
            return positions
        }
    }

    /// The first `count` ratings (all when nil) of each row of `input` in `order`, kept in the
    /// input's own order; every row is kept, so rows still line up with the targets.
    public static func prefix(of input: RatingsByUser, order: [[Int]], count: Int?) -> RatingsByUser {
        input.filtered(dropEmptyRows: false) { row, _ in
            let chosen = count.map { Array(order[row].prefix($0)) } ?? order[row]
            return chosen.sorted()
        }
    }

    /// The curve of `model` on `set` (the test pass of a heldout split made with `seed`), users
    /// represented by `representation` (called once per point), beside the ``UserBiasBaseline``.
    /// Complexity: one evaluation pass per history length.
    public static func evaluate(_ model: FactorModel, on set: EvaluationSet, seed: UInt64,
                                representation: () -> UserRepresentation, baseline: UserBiasBaseline,
                                clip: ClosedRange<Float>?) -> ColdStartCurve {
        let order = order(of: set.input, seed: seed)
        let points = historyLengths.map { n -> ColdStartCurve.Point in
            let subset = EvaluationSet(input: prefix(of: set.input, order: order, count: n), targets: set.targets)
            let outcome = Evaluator.evaluate(model, on: subset, representation: representation(), clip: clip)
            return ColdStartCurve.Point(given: n, model: outcome.metrics,
                                        baseline: baseline.evaluate(on: subset, clip: clip))
        }
        return ColdStartCurve(points: points)
    }
}

/// Test errors by history length: the run's model and the ``UserBiasBaseline`` on the same subsets.
public struct ColdStartCurve: Codable, Sendable, Equatable {
    /// One history length.
    public struct Point: Codable, Sendable, Equatable {
        /// Given ratings used per user (at most); nil for all of them.
        public var given: Int?
        /// The run's model.
        public var model: Metrics
        /// The item-bias + user-offset baseline.
        public var baseline: Metrics

        /// A point from its parts.
        public init(given: Int?, model: Metrics, baseline: Metrics) {
            self.given = given; self.model = model; self.baseline = baseline
        }
    }

    /// One point per ``ColdStartEvaluation/historyLengths``, in order.
    public var points: [Point]

    /// A curve from its points.
    public init(points: [Point]) { self.points = points }
}

/// What a new user gets without any latent model: the training mean, the item's shrunk bias, and a
/// user offset from the user's given ratings, shrunk toward 0 (the classic baseline predictor):
/// ```
/// r̂_ui = μ + c_i + b_u      b_u = Σ_j (r_uj − μ − c_j) / (n_u + λ)      λ = 5
/// ```
/// with `μ` and `c_i` exactly those of the `item_bias` model (``TrivialBaseline``). With no given
/// rating it is the item-bias model.
public struct UserBiasBaseline: Sendable {
    /// Shrinkage of the user offset, in pseudo-ratings (the item bias's, for symmetry).
    public static let shrinkage: Double = Double(TrivialBaseline.itemBiasShrinkage)
    /// The training mean `μ`.
    public var mean: Float
    /// The item biases `c_i`.
    public var itemBiases: [Float]

    /// A baseline with these parameters.
    public init(mean: Float, itemBiases: [Float]) {
        self.mean = mean; self.itemBiases = itemBiases
    }

    /// The baseline fitted to `train` with `itemCount` items.
    public init(train: RatingsByUser, itemCount: Int) {
        let model = TrivialBaseline.fit(.itemBias, train: train, userCount: 0, itemCount: itemCount)
        mean = model.decoder.offset
        itemBiases = (0 ..< itemCount).map { model.decoder.itemBias.values[$0] }
    }

    /// The user offset of row `row` of `input`.
    public func userOffset(row: Int, of input: RatingsByUser) -> Double {
        var sum = 0.0
        let range = input.range(ofRow: row)
        for position in range {
            sum += Double(input.values[position]) - Double(mean) - Double(itemBiases[Int(input.items[position])])
        }
        return sum / (Double(range.count) + Self.shrinkage)
    }

    /// Its errors on `set`: offsets from `set.input`, predictions of `set.targets`.
    public func evaluate(on set: EvaluationSet, clip: ClosedRange<Float>?) -> Metrics {
        var accumulator = MetricsAccumulator()
        for row in 0 ..< set.rowCount {
            let offset = userOffset(row: row, of: set.input)
            for position in set.targets.range(ofRow: row) {
                let item = Int(set.targets.items[position])
                let prediction = Double(mean) + Double(itemBiases[item]) + offset
                accumulator.add(prediction: Float(prediction), target: set.targets.values[position], clip: clip)
            }
        }
        return accumulator.metrics
    }
}
