@testable import MFAECore
import Testing

/// A bias and a vector gradient table sharing one touched-row index (``TouchedRows``).
@Suite struct TouchedRowsTests {
    func pair(rows: Int = 6, width: Int = 3, layout: GradientTable.Layout = .bySlot)
        -> (bias: EmbeddingTable, vectors: EmbeddingTable, biasGradient: GradientTable, vectorGradient: GradientTable) {
        let bias = EmbeddingTable(name: "b", rows: rows, width: 1, isRegularized: false)
        let vectors = EmbeddingTable(name: "q", rows: rows, width: width, isRegularized: true)
        let vectorGradient = GradientTable(shapeOf: vectors, layout: layout)
        let biasGradient = GradientTable(shapeOf: bias, layout: layout, sharingTouchedRowsWith: vectorGradient)
        return (bias, vectors, biasGradient, vectorGradient)
    }

    /// Touching a row in either table touches it in both, in one first-touch order; each table's
    /// values stay at its own slots, zero where only the sibling wrote.
    @Test(arguments: [GradientTable.Layout.bySlot, .byRow])
    func touchesAreShared(layout: GradientTable.Layout) {
        let p = pair(layout: layout)
        p.vectorGradient.touch(4)[1] = 2
        p.biasGradient.touch(1)[0] = 5
        p.biasGradient.touch(4)[0] += 3
        p.vectorGradient.touch(2)[0] = 7
        #expect(Array(p.vectorGradient.touchedRows) == [4, 1, 2])
        #expect(Array(p.biasGradient.touchedRows) == [4, 1, 2])
        #expect(p.biasGradient.gradient(ofRow: 4) == [3] && p.biasGradient.gradient(ofRow: 1) == [5])
        #expect(p.biasGradient.gradient(ofRow: 2) == [0], "touched through the sibling only")
        #expect(p.vectorGradient.gradient(ofRow: 4) == [0, 2, 0] && p.vectorGradient.gradient(ofRow: 2) == [7, 0, 0])
        #expect(p.vectorGradient.gradient(ofRow: 1) == [0, 0, 0])
        #expect(p.vectorGradient.gradient(ofRow: 0) == [0, 0, 0], "untouched")
    }

    /// The rows are forgotten only once both tables have consumed their gradient, in either order;
    /// consuming twice counts once.
    @Test(arguments: [false, true])
    func rowsAreForgottenAfterBothRelease(vectorsFirst: Bool) {
        let p = pair()
        p.vectorGradient.touch(3)[0] = 1
        p.biasGradient.touch(3)[0] = 1
        let (first, second) = vectorsFirst ? (p.vectorGradient, p.biasGradient) : (p.biasGradient, p.vectorGradient)
        first.clear()
        first.clear()
        #expect(Array(second.touchedRows) == [3], "the sibling still holds its rows")
        #expect(second.gradient(ofRow: 3) == (vectorsFirst ? [1] : [1, 0, 0]))
        second.clear()
        #expect(p.biasGradient.isClear && p.vectorGradient.isClear)
        p.biasGradient.touch(5)[0] = 1
        #expect(Array(p.vectorGradient.touchedRows) == [5], "a fresh touch order after the release")
    }

    /// Lazy Adam on a sharing pair gives exactly the parameters of two tables with their own indices.
    @Test func lazyAdamOnASharedPairMatchesSeparateTables() {
        let shared = pair(), own = pair()
        let separateBias = GradientTable(shapeOf: own.bias), separateVectors = GradientTable(shapeOf: own.vectors)
        var generator = SplitMix64(seed: 3)
        shared.bias.initialiseGaussian(scale: 0.1, generator: &generator)
        shared.vectors.initialiseGaussian(scale: 0.1, generator: &generator)
        own.bias.values.assign(shared.bias.values.array); own.vectors.values.assign(shared.vectors.values.array)
        let settings = AdamSettings(learningRate: 0.05)
        for step in 1 ... 4 {
            for row in [(step * 5) % 6, 2, (step * 3) % 6] {
                let g = Float(row + step) * 0.1
                shared.biasGradient.touch(row)[0] += g
                separateBias.touch(row)[0] += g
                for j in 0 ..< 3 {
                    shared.vectorGradient.touch(row)[j] += g * Float(j + 1)
                    separateVectors.touch(row)[j] += g * Float(j + 1)
                }
            }
            Adam.step(shared.bias, gradient: shared.biasGradient, settings: settings, step: step, l2: 0.01, rows: .touched)
            Adam.step(shared.vectors, gradient: shared.vectorGradient, settings: settings, step: step, l2: 0.01, rows: .touched)
            Adam.step(own.bias, gradient: separateBias, settings: settings, step: step, l2: 0.01, rows: .touched)
            Adam.step(own.vectors, gradient: separateVectors, settings: settings, step: step, l2: 0.01, rows: .touched)
            #expect(shared.biasGradient.isClear && shared.vectorGradient.isClear)
        }
        #expect(shared.bias.values.array == own.bias.values.array)
        #expect(shared.vectors.values.array == own.vectors.values.array)
        #expect(shared.vectors.secondMoment.array == own.vectors.secondMoment.array)
        #expect(shared.vectors.values.array != [Float](repeating: 0, count: 18))
    }

    /// The models' own gradients share: encoder bias with encoder vectors, item bias with item vectors.
    @Test func modelGradientsSharePerTablePair() {
        let model = FactorModel(encoder: .pooledCodes(.kept), encoderRows: 10, itemCount: 4, k: 2, offset: 0)
        let gradients = model.makeGradients()
        gradients.encoder.vectors.touch(7)[0] = 1
        gradients.decoder.itemBias.touch(3)[0] = 1
        #expect(Array(gradients.encoder.bias.touchedRows) == [7])
        #expect(Array(gradients.decoder.itemVectors.touchedRows) == [3])
        #expect(Array(gradients.encoder.vectors.touchedRows) == [7], "the encoder's and decoder's indices are separate")
    }
}
