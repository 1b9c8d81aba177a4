import MFAECore
import MFAETestSupport
import Testing

/// Exact small cases computed by hand on the 3-user, 3-item fixture.
@Suite struct ModelExactTests {
    /// Sets the autoencoder's parameters for user u0 (codes 4 = (i0, level 5) and 7 = (i1, level 3)).
    func handModel(normalization: Normalization) -> (FactorModel, RatingSet) {
        let data = Fixtures.tiny()
        let model = FactorModel(encoder: .pooledCodes(normalization), encoderRows: data.codeCount,
                                itemCount: data.itemCount, k: 2, offset: 0)
        model.encoder.bias.values[4] = 0.3
        model.encoder.bias.values[7] = 0.6
        model.encoder.vectors.values.assign(setRows([4: [1, 2], 7: [3, -1]], rows: data.codeCount, k: 2))
        model.decoder.itemBias.values.assign([0.5, -0.5, 0])
        model.decoder.itemVectors.values.assign([1, 0, 0, 3, 0, 0])
        return (model, data)
    }

    func setRows(_ rows: [Int: [Float]], rows count: Int, k: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count * k)
        for (row, vector) in rows { for j in 0 ..< k { values[row * k + j] = vector[j] } }
        return values
    }

    @Test func codesAreItemTimesLevelsPlusLevel() {
        let data = Fixtures.tiny()
        #expect(data.levels == [1, 2, 3, 4, 5])
        // u0 rated i0 = 5 (level 4) and i1 = 3 (level 2).
        #expect(Array(data.ratings.codes[data.ratings.range(ofRow: 0)]) == [4, 7])
    }

    @Test func pooledUserVectorAndBiasDivideByOnePlusCount() {
        let (model, data) = handModel(normalization: .all)
        var selection = RowSelection()
        var mask = InputMask.keepAll
        let weight = model.encoder.select(row: 0, of: data.ratings, mask: &mask, into: &selection)
        #expect(weight == Float(1) / 3)
        let vector = FloatBuffer(count: 2)
        let bias = model.encoder.forward(selection, weight: weight, vector: vector.pointer)
        #expect(abs(bias - 0.9 / 3) < 1e-6)
        #expect(abs(vector[0] - 4.0 / 3) < 1e-6 && abs(vector[1] - 1.0 / 3) < 1e-6)
    }

    @Test func batchLossMatchesHandComputation() {
        let (model, data) = handModel(normalization: .all)
        var scratch = model.makeScratch()
        let loss = model.accumulateBatch(rows: [0], of: data.ratings, masks: .keepAll, perExampleL2: 0,
                                         gradients: model.makeGradients(), scratch: &scratch)
        // r̂(u0, i0) = 0.3 + 0.5 + (4/3, 1/3)·(1, 0);  r̂(u0, i1) = 0.3 − 0.5 + (4/3, 1/3)·(0, 3)
        let e0 = 0.3 + 0.5 + 4.0 / 3 - 5, e1 = 0.3 - 0.5 + 1.0 - 3
        #expect(loss.count == 2)
        #expect(abs(loss.mse - (e0 * e0 + e1 * e1) / 2) < 1e-5)
        // The whole-table prior: c · (ΣE² + ΣD²) = 0.01 · ((1 + 4 + 9 + 1) + (1 + 9)).
        #expect(abs(model.tablePenalty(l2: 0.01) - 0.25) < 1e-6)
    }

    @Test func keptNormalizationDividesByEncodedCount() {
        let (model, data) = handModel(normalization: .kept)
        var selection = RowSelection()
        // A mask that drops everything (fraction just below 1 drops all draws but a 2⁻²⁴ chance).
        var mask = InputMask.random(fraction: 0.999_999_9, generator: SplitMix64(seed: 3))
        let weight = model.encoder.select(row: 0, of: data.ratings, mask: &mask, into: &selection)
        #expect(selection.rows.isEmpty)
        #expect(weight == 1)
        let (allModel, _) = handModel(normalization: .all)
        var allMask = InputMask.random(fraction: 0.999_999_9, generator: SplitMix64(seed: 3))
        #expect(allModel.encoder.select(row: 0, of: data.ratings, mask: &allMask, into: &selection) == 1.0 / 3)
    }
}
