/// The sanity baselines, fitted in closed form as zero-dimensional ``FactorModel``s so that they are
/// evaluated by exactly the same code as the latent models.
public enum TrivialBaseline {
    /// Shrinkage of the item bias toward zero, in pseudo-ratings:
    /// `c_i = Σ (r − μ) / (n_i + shrinkage)`; it keeps items with one rating from getting extreme biases.
    public static let itemBiasShrinkage: Float = 5

    /// Fits `kind` (``ModelKind/globalMean`` or ``ModelKind/itemBias``) to `train`.
    public static func fit(_ kind: ModelKind, train: RatingsByUser, userCount: Int, itemCount: Int) -> FactorModel {
        precondition(!kind.isLatent, "\(kind) is not a trivial baseline")
        let mean = train.meanValue
        let model = FactorModel(encoder: .perUser, encoderRows: userCount, itemCount: itemCount, k: 0, offset: mean)
        if kind == .itemBias {
            var sums = [Double](repeating: 0, count: itemCount)
            var counts = [Int](repeating: 0, count: itemCount)
            for position in 0 ..< train.count {
                let item = Int(train.items[position])
                sums[item] += Double(train.values[position] - mean)
                counts[item] += 1
            }
            for item in 0 ..< itemCount {
                model.decoder.itemBias.values[item] = Float(sums[item] / (Double(counts[item]) + Double(itemBiasShrinkage)))
            }
        }
        return model
    }
}
