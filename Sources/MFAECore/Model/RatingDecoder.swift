import CKernels

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
    /// `perUseL2 > 0` also `∂t_i += 2·perUseL2·t_i`. The work is the C kernel ``mfae_decode_ratings``,
    /// which keeps the user's vector and its gradient in registers and prefetches item rows ahead.
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
        guard !range.isEmpty else { return (0, 0) }
        let count = range.count, start = range.lowerBound
        let sums = targets.items.withUnsafeBufferPointer { items in
            targets.values.withUnsafeBufferPointer { values in
                // `range` is not empty, so both buffers have addresses.
                guard let itemBase = items.baseAddress, let valueBase = values.baseAddress else {
                    preconditionFailure("positions \(range) outside empty targets")
                }
                return mfae_decode_ratings(itemBase + start, valueBase + start, count,
                                    itemBias.values.pointer, itemVectors.values.pointer, k, offset + userBias,
                                    userVector, lossScale, perUseL2, gradients.itemBias.kernelView,
                                    gradients.itemVectors.kernelView, userVectorGradient)
            }
        }
        userBiasGradient += sums.bias_gradient
        return (sums.squared_errors, sums.penalty)
    }

    /// Zero gradients for the decoder's tables; the two share their touched rows (every rated item
    /// gets a bias and a vector gradient).
    public func makeGradients(layout: GradientTable.Layout) -> DecoderGradients {
        let vectorGradient = GradientTable(shapeOf: itemVectors, layout: layout)
        return DecoderGradients(itemBias: GradientTable(shapeOf: itemBias, layout: layout,
                                                        sharingTouchedRowsWith: vectorGradient),
                                itemVectors: vectorGradient)
    }
}

/// Gradients of a ``RatingDecoder``'s tables.
public struct DecoderGradients: Sendable {
    public let itemBias: GradientTable
    public let itemVectors: GradientTable
    /// In the order of ``RatingDecoder/tables``.
    public var tables: [GradientTable] { [itemBias, itemVectors] }
}
