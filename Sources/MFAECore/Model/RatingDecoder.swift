/// The decoder both models share: a latent-factor likelihood with item parameters of its own.
///
/// ```
/// r̂_ui = offset + b_u + c_i + v_u · t_i
/// ```
/// `offset` is the training mean for MF and 0 for the autoencoder (the notebook has none: its
/// biases learn the mean). The decoder's item tables are distinct from the encoder's code tables.
public final class RatingDecoder: @unchecked Sendable {
    /// `c_i`, one per item.
    public let itemBias: EmbeddingTable
    /// `t_i`, `k` per item; regularised.
    public let itemVectors: EmbeddingTable
    /// A constant added to every prediction.
    public var offset: Float

    /// A zero decoder for `itemCount` items of `k` dimensions.
    public init(itemCount: Int, k: Int, offset: Float) {
        itemBias = EmbeddingTable(name: "itemBias", rows: itemCount, width: 1, isRegularized: false)
        itemVectors = EmbeddingTable(name: "itemVectors", rows: itemCount, width: k, isRegularized: true)
        self.offset = offset
    }

    /// Latent dimensions.
    public var k: Int { itemVectors.width }
    /// The tables, in gradient order.
    public var tables: [EmbeddingTable] { [itemBias, itemVectors] }

    /// The prediction for `item` given a user's bias and vector.
    @inline(__always)
    public func predict(item: Int, userBias: Float, userVector: UnsafePointer<Float>) -> Float {
        offset + userBias + itemBias.values[item] + VectorKernels.dot(userVector, itemVectors.row(item), count: k)
    }

    /// Forward and backward pass over the target ratings of one user (`row` of `targets`).
    ///
    /// For each target, with `e = r̂ − r` and `g = 2e·lossScale` (the MSE's gradient when
    /// `lossScale = 1/B`): `∂c_i += g`, `∂t_i += g·v_u`, `∂b_u += g`, `∂v_u += g·t_i`; with
    /// `perUseL2 > 0` also `∂t_i += 2·perUseL2·t_i`. The item row of the target
    /// ``prefetchDistance`` places ahead is requested while the current one is computed (gradients
    /// need no prefetching: lazy Adam's are compact, see ``GradientTable/Layout/bySlot``).
    /// Complexity O(targets × k).
    /// - Returns: the sum of squared errors and the per-example L2 penalty of these targets.
    public func backward(row: Int, of targets: RatingsByUser, userBias: Float, userVector: UnsafePointer<Float>,
                         lossScale: Float, perUseL2: Float, gradients: DecoderGradients,
                         userBiasGradient: inout Float, userVectorGradient: UnsafeMutablePointer<Float>)
        -> (squaredErrors: Double, penalty: Double) {
        backward(positions: targets.range(ofRow: row), of: targets, userBias: userBias, userVector: userVector,
                 lossScale: lossScale, perUseL2: perUseL2, gradients: gradients, userBiasGradient: &userBiasGradient,
                 userVectorGradient: userVectorGradient)
    }

    /// The same pass over the targets at `positions` of `targets` only (one team member's share of a
    /// user's ratings in ``ShardedStep``).
    public func backward(positions range: Range<Int>, of targets: RatingsByUser, userBias: Float,
                         userVector: UnsafePointer<Float>, lossScale: Float, perUseL2: Float,
                         gradients: DecoderGradients, userBiasGradient: inout Float,
                         userVectorGradient: UnsafeMutablePointer<Float>) -> (squaredErrors: Double, penalty: Double) {
        let k = self.k
        let biases = itemBias.values.pointer, vectors = itemVectors.values.pointer
        var squaredErrors = 0.0, penalty = 0.0, biasGradient: Float = 0
        for position in range {
            let ahead = position + Self.prefetchDistance
            if ahead < range.upperBound {
                let aheadItem = Int(targets.items[ahead])
                VectorKernels.prefetch(vectors + aheadItem * k, count: k)
            }
            let item = Int(targets.items[position])
            let vector = vectors + item * k
            let prediction = offset + userBias + biases[item] + VectorKernels.dot(userVector, vector, count: k)
            let error = prediction - targets.values[position]
            squaredErrors += Double(error * error)
            let g = 2 * error * lossScale
            gradients.itemBias.touch(item)[0] += g
            let vectorGradient = gradients.itemVectors.touch(item)
            VectorKernels.addScaled(userVector, scale: g, into: vectorGradient, count: k)
            if perUseL2 > 0 {
                penalty += Double(perUseL2 * VectorKernels.squaredNorm(vector, count: k))
                VectorKernels.addScaled(vector, scale: 2 * perUseL2, into: vectorGradient, count: k)
            }
            biasGradient += g
            VectorKernels.addScaled(vector, scale: g, into: userVectorGradient, count: k)
        }
        userBiasGradient += biasGradient
        return (squaredErrors, penalty)
    }

    /// How many targets ahead ``backward(row:of:userBias:userVector:lossScale:perUseL2:gradients:userBiasGradient:userVectorGradient:)``
    /// prefetches item rows: enough to cover a miss to memory (~100 ns) at ~10 ns per target.
    public static let prefetchDistance = 8

    /// Zero gradients for the decoder's tables.
    public func makeGradients(layout: GradientTable.Layout) -> DecoderGradients {
        DecoderGradients(itemBias: GradientTable(shapeOf: itemBias, layout: layout),
                         itemVectors: GradientTable(shapeOf: itemVectors, layout: layout))
    }
}

/// Gradients of a ``RatingDecoder``'s tables.
public struct DecoderGradients: Sendable {
    public let itemBias: GradientTable
    public let itemVectors: GradientTable
    /// In the order of ``RatingDecoder/tables``.
    public var tables: [GradientTable] { [itemBias, itemVectors] }
}
