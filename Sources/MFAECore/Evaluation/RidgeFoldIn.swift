/// Folds a new user into a trained MF model: with the item parameters fixed, the user's bias and
/// vector minimise a ridge regression over the given ratings, solved in closed form.
///
/// With `x = [b_u, p_u]`, `z_j = [1, q_j]` and residuals `y_j = r_j − μ − b_j`:
/// ```
/// (Σ_j z_j z_jᵀ + diag(λ_b, λ, …, λ)) x = Σ_j z_j y_j
/// ```
/// a (k+1)×(k+1) system per user, solved by Cholesky in `Double`. Complexity O(n·k² + k³).
public struct RidgeFoldIn {
    /// The ridge weight on the user vector, `λ = λ_user + λ_rating · n` for a user with `n` given ratings.
    public var penalty: RidgePenalty
    /// The ridge weight on the user bias: biases carry no prior in training, so only a tiny one
    /// keeps the system positive definite.
    public var biasLambda: Double = 1e-6
    private var matrix: [Double]
    private var rightSide: [Double]
    private let size: Int

    /// A solver for `k` dimensions with ridge weight `penalty`.
    public init(k: Int, penalty: RidgePenalty) {
        self.penalty = penalty
        size = k + 1
        matrix = [Double](repeating: 0, count: size * size)
        rightSide = [Double](repeating: 0, count: size)
    }

    /// The ridge weight equivalent to the training prior.
    ///
    /// Scaled so the per-user objective matches training's (multiplied through by the batch size `B`):
    /// - `table` with dense Adam: the prior acts every step, `N/B` steps per epoch in which the user's
    ///   ratings appear once: `λ = c·N` (`N` training ratings).
    /// - `table` with lazy Adam: the prior acts only in the user's own batch: `λ = c·B`.
    /// - `per_example`: each of the user's ratings adds `c·|p_u|²`: `λ = c·n_u`.
    public static func penalty(for configuration: TrainingConfiguration, trainCount: Int) -> RidgePenalty {
        let c = Double(configuration.cVector)
        switch (configuration.regularization, configuration.optimizer) {
        case (.table, .adam): return RidgePenalty(perUser: c * Double(trainCount), perRating: 0)
        case (.table, .lazyAdam): return RidgePenalty(perUser: c * Double(configuration.batchSize), perRating: 0)
        case (.perExample, _): return RidgePenalty(perUser: 0, perRating: c)
        }
    }

    /// Solves for the user of `row` in `input`, writing the bias into `bias` and the vector into `vector`.
    public mutating func solve(row: Int, of input: RatingsByUser, decoder: RatingDecoder,
                               bias: inout Float, vector: UnsafeMutablePointer<Float>) {
        let k = size - 1
        for index in matrix.indices { matrix[index] = 0 }
        for index in rightSide.indices { rightSide[index] = 0 }
        var feature = [Double](repeating: 1, count: size)
        for position in input.range(ofRow: row) {
            let item = Int(input.items[position])
            let q = decoder.itemVectors.row(item)
            for j in 0 ..< k { feature[j + 1] = Double(q[j]) }
            let residual = Double(input.values[position]) - Double(decoder.offset) - Double(decoder.itemBias.values[item])
            for a in 0 ..< size {
                rightSide[a] += feature[a] * residual
                for b in 0 ... a { matrix[a * size + b] += feature[a] * feature[b] }
            }
        }
        matrix[0] += biasLambda
        let lambda = penalty.perUser + penalty.perRating * Double(input.range(ofRow: row).count)
        for j in 1 ..< size { matrix[j * size + j] += lambda }
        let solution = CholeskySolver.solve(lowerOf: &matrix, size: size, rightSide: rightSide)
        bias = Float(solution[0])
        for j in 0 ..< k { vector[j] = Float(solution[j + 1]) }
    }
}

/// The ridge weight of a fold-in: `λ = perUser + perRating · n` for a user with `n` given ratings.
public struct RidgePenalty: Sendable, Equatable {
    public var perUser: Double
    public var perRating: Double
    /// A penalty with these parts.
    public init(perUser: Double, perRating: Double) { self.perUser = perUser; self.perRating = perRating }
}
