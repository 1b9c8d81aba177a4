/// A latent factor model: a ``UserEncoder`` (per-user table or pooled codes) and the shared ``RatingDecoder``.
/// The autoencoder and classic MF are both this type; they differ only in the encoder's kind.
public final class FactorModel: @unchecked Sendable {
    /// Obtains user biases and vectors.
    public let encoder: UserEncoder
    /// Predicts ratings from them.
    public let decoder: RatingDecoder

    /// A zero model. `encoderRows` is the user count (MF) or the code count (autoencoder).
    public init(encoder kind: UserEncoder.Kind, encoderRows: Int, itemCount: Int, k: Int, offset: Float) {
        encoder = UserEncoder(kind: kind, rows: encoderRows, k: k)
        decoder = RatingDecoder(itemCount: itemCount, k: k, offset: offset)
    }

    /// Latent dimensions.
    public var k: Int { decoder.k }
    /// Every trainable table: encoder bias, encoder vectors, decoder bias, decoder vectors.
    public var tables: [EmbeddingTable] { encoder.tables + decoder.tables }

    /// Sets every table to `randn × scale`, in table order, from `generator`.
    public func initialise(scale: Float, generator: inout SplitMix64) {
        for table in tables { table.initialiseGaussian(scale: scale, generator: &generator) }
    }

    /// Zero gradients for every table, laid out for dense (``GradientTable/Layout/byRow``) or lazy
    /// (``GradientTable/Layout/bySlot``) Adam.
    public func makeGradients(layout: GradientTable.Layout = .bySlot) -> ModelGradients {
        ModelGradients(encoder: encoder.makeGradients(layout: layout), decoder: decoder.makeGradients(layout: layout))
    }

    /// Scratch space for one user, so that a batch allocates nothing.
    public func makeScratch() -> UserScratch { UserScratch(k: k) }

    /// Accumulates the gradient of one batch's loss into `gradients` and returns the loss parts.
    ///
    /// Each row of `data` is one user: the encoder's input is the user's ratings (masked by `masks`),
    /// and the same ratings are the decoder's targets. The loss is
    /// ```
    /// L = (1/B) Σ (r̂ − r)²  +  perExample·(1/B)·Σ_uses |row|²
    /// ```
    /// with `B` the batch's rating count (``LossScale``); the whole-table prior is added by the optimiser.
    ///
    /// - Parameter batchCount: `B`, the rating count of the whole batch when `rows` is one thread's
    ///   share of it; nil when `rows` is the whole batch.
    public func accumulateBatch(rows: some Collection<Int>, of data: RatingsByUser, masks: MaskSchedule,
                                perExampleL2: Float, gradients: ModelGradients, scratch: inout UserScratch,
                                batchCount: Int? = nil) -> BatchLoss {
        let ratingCount = data.ratingCount(ofRows: rows)
        let total = batchCount ?? ratingCount
        guard total > 0 else { return .zero }
        let scale = LossScale(ratings: total, perExampleL2: perExampleL2)
        let lossScale = scale.lossScale, perUseL2 = scale.perUseL2
        var squaredErrors = 0.0, penalty = 0.0
        var upcoming = rows.makeIterator()  // one user ahead of the loop, for the prefetch hint
        _ = upcoming.next()
        for row in rows {
            if let next = upcoming.next() { prefetch(row: next, of: data) }
            var mask = masks.mask(forUser: data.users[row])
            let weight = encoder.select(row: row, of: data, mask: &mask, into: &scratch.selection)
            let userBias = encoder.forward(scratch.selection, weight: weight, vector: scratch.userVector.pointer)
            var biasGradient: Float = 0
            scratch.userVectorGradient.fill(0)
            let decoded = decoder.backward(row: row, of: data, userBias: userBias, userVector: scratch.userVector.pointer,
                                           lossScale: lossScale, perUseL2: perUseL2, gradients: gradients.decoder,
                                           userBiasGradient: &biasGradient,
                                           userVectorGradient: scratch.userVectorGradient.pointer)
            squaredErrors += decoded.squaredErrors
            penalty += decoded.penalty
            penalty += encoder.backward(scratch.selection, weight: weight, biasGradient: biasGradient,
                                        vectorGradient: scratch.userVectorGradient.pointer,
                                        targetCount: data.range(ofRow: row).count, perUseL2: perUseL2,
                                        gradients: gradients.encoder)
        }
        return BatchLoss(squaredErrors: squaredErrors, count: ratingCount, penalty: penalty)
    }

    /// Asks the CPU to start loading what a training step will read of user `row` next: the encoder's
    /// input and the decoder's targets. Training visits users in a shuffled order, so each user's
    /// ratings start at a place the hardware prefetcher cannot anticipate, and their first lines would
    /// be waited for; a hint one user ahead hides those misses. No effect on results.
    public func prefetch(row: Int, of data: RatingsByUser) {
        encoder.prefetchInput(row: row, of: data)
        data.prefetchTargets(positions: data.range(ofRow: row))
    }

    /// The whole-table prior `c · Σ_regularised tables Σ w²` (the notebook's `l2_regularize` terms).
    public func tablePenalty(l2: Float) -> Double {
        tables.filter(\.isRegularized).reduce(0) { $0 + Double(l2) * $1.sumOfSquares() }
    }

    /// A copy of every table's parameters, for keeping the best epoch.
    public func snapshot() -> [[Float]] { tables.map(\.values.array) }

    /// Restores parameters saved by ``snapshot()``.
    public func restore(_ snapshot: [[Float]]) {
        for (table, values) in zip(tables, snapshot) { table.values.assign(values) }
    }

    /// The decoder's item tables as plain arrays.
    public var itemParameters: ItemParameters {
        ItemParameters(k: k, biases: decoder.itemBias.values.array, vectors: decoder.itemVectors.values.array)
    }
}

/// Per-user scratch buffers reused across a batch.
public struct UserScratch {
    /// Rows the encoder selected.
    public var selection = RowSelection()
    /// The user's vector.
    public let userVector: FloatBuffer
    /// The gradient of the loss with respect to the user's vector.
    public let userVectorGradient: FloatBuffer
    /// Buffers for `k` dimensions.
    public init(k: Int) {
        userVector = FloatBuffer(count: k)
        userVectorGradient = FloatBuffer(count: k)
    }
}

/// Gradients of every table of a ``FactorModel``.
public struct ModelGradients: Sendable {
    public let encoder: EncoderGradients
    public let decoder: DecoderGradients
    /// In the order of ``FactorModel/tables``.
    public var tables: [GradientTable] { encoder.tables + decoder.tables }
    /// Gradients from their tables, in the order of ``FactorModel/tables``.
    public init(_ tables: [GradientTable]) {
        precondition(tables.count == 4)
        encoder = EncoderGradients(bias: tables[0], vectors: tables[1])
        decoder = DecoderGradients(itemBias: tables[2], itemVectors: tables[3])
    }
    /// Gradients of an encoder and a decoder.
    public init(encoder: EncoderGradients, decoder: DecoderGradients) {
        self.encoder = encoder; self.decoder = decoder
    }
    /// Zeroes every touched row.
    public func clear() { for table in tables { table.clear() } }
}
