/// The parts of one batch's loss.
public struct BatchLoss: Sendable, Equatable {
    /// `Σ (r̂ − r)²` over the batch.
    public var squaredErrors: Double
    /// Number of ratings `B`.
    public var count: Int
    /// The per-example L2 penalty (0 with the whole-table prior).
    public var penalty: Double
    /// `squaredErrors / B`.
    public var mse: Double { count > 0 ? squaredErrors / Double(count) : 0 }
    /// Whether both parts are finite (a diverging model's are not).
    public var isFinite: Bool { squaredErrors.isFinite && penalty.isFinite }

    /// No ratings, no loss.
    public static let zero = BatchLoss(squaredErrors: 0, count: 0, penalty: 0)

    /// The parts of `losses` (a team's members') added in order, so that the sum is the same whatever
    /// the members' timing.
    static func sum(_ losses: some Collection<BatchLoss>) -> BatchLoss {
        var loss = BatchLoss.zero
        for part in losses {
            loss.squaredErrors += part.squaredErrors
            loss.penalty += part.penalty
            loss.count += part.count
        }
        return loss
    }
}

/// How a batch's loss is scaled: the mean over its `B` ratings, so each squared error counts `1/B`
/// and each use of a row pays `perExampleL2/B` of its squared norm:
/// ```
/// L = (1/B) Σ (r̂ − r)²  +  perExampleL2·(1/B)·Σ_uses |row|²
/// ```
struct LossScale {
    /// `1/B`.
    let lossScale: Float
    /// `perExampleL2/B`.
    let perUseL2: Float

    /// The scale for a batch of `ratings` ratings (more than 0).
    init(ratings: Int, perExampleL2: Float) {
        lossScale = 1 / Float(ratings)
        perUseL2 = perExampleL2 * lossScale
    }
}
