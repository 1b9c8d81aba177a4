import MFAECore
import Testing

@Suite struct AdamTests {
    func table(_ values: [Float], regularized: Bool, layout: GradientTable.Layout = .byRow) -> (EmbeddingTable, GradientTable) {
        let table = EmbeddingTable(name: "t", rows: values.count, width: 1, isRegularized: regularized)
        table.values.assign(values)
        return (table, GradientTable(shapeOf: table, layout: layout))
    }

    /// One step by hand: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², w −= lr·g/(|g| + ε).
    @Test func firstStepMatchesHandComputation() {
        let (weights, gradient) = table([1, -2], regularized: false)
        gradient.touch(0)[0] = 0.5
        Adam.step(weights, gradient: gradient, settings: AdamSettings(learningRate: 0.1), step: 1, l2: 0, rows: .all)
        #expect(abs(weights.values[0] - (1 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-6)
        #expect(abs(weights.firstMoment[0] - 0.05) < 1e-7)
        #expect(abs(weights.secondMoment[0] / 0.00025 - 1) < 1e-4, "v = (1 − β2)·g² in Float")
        #expect(weights.values[1] == -2, "no gradient and no moment: the parameter stays")
    }

    /// The prior's gradient 2c·w is added to regularised tables only.
    @Test func l2AddsTwoCTimesWeight() {
        let (regularized, gradient) = table([1], regularized: true)
        gradient.touch(0)[0] = 0.5
        Adam.step(regularized, gradient: gradient, settings: AdamSettings(learningRate: 0.1), step: 1, l2: 0.25, rows: .all)
        // g = 0.5 + 2·0.25·1 = 1 → m = 0.1, v = 0.001
        #expect(abs(regularized.firstMoment[0] - 0.1) < 1e-7)
        #expect(abs(regularized.secondMoment[0] / 0.001 - 1) < 1e-4)
    }

    /// A second step with bias correction, checked against the formula evaluated in Double.
    @Test func secondStepUsesBiasCorrection() {
        let (weights, gradient) = table([0.3], regularized: false, layout: .bySlot)
        let settings = AdamSettings(learningRate: 0.01)
        var w = 0.3, m = 0.0, v = 0.0
        for (step, g) in [(1, 0.2), (2, -0.4)] {
            gradient.touch(0)[0] = Float(g)
            Adam.step(weights, gradient: gradient, settings: settings, step: step, l2: 0, rows: .touched)
            gradient.clear()
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            let mHat = m / (1 - pow(0.9, Double(step))), vHat = v / (1 - pow(0.999, Double(step)))
            w -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
        }
        #expect(abs(Double(weights.values[0]) - w) < 1e-6)
    }

    /// Lazy Adam leaves untouched rows, moments included, exactly as they were.
    @Test func lazyStepSkipsUntouchedRows() {
        let (weights, gradient) = table([1, 2, 3], regularized: true, layout: .bySlot)
        gradient.touch(1)[0] = 1
        Adam.step(weights, gradient: gradient, settings: AdamSettings(learningRate: 0.1), step: 1, l2: 0.5, rows: .touched)
        #expect(weights.values[0] == 1 && weights.values[2] == 3)
        #expect(weights.values[1] < 2)
    }

    /// Training flushes subnormals on its own threads only while it works: the caller's mode is restored.
    @Test func callersFloatingPointModeIsRestored() throws {
        #expect(!FloatEnvironment.flushesSubnormalsToZero)
        let (weights, gradient) = table([1], regularized: false)
        gradient.touch(0)[0] = 1
        Adam.step(weights, gradient: gradient, settings: AdamSettings(learningRate: 0.1), step: 1, l2: 0, rows: .all)
        #expect(!FloatEnvironment.flushesSubnormalsToZero)
        let inside = FloatEnvironment.withSubnormalsFlushedToZero { FloatEnvironment.flushesSubnormalsToZero }
        #expect(inside)
        #expect(!FloatEnvironment.flushesSubnormalsToZero)
        let tiny = Float.leastNormalMagnitude
        #expect((tiny / 4).isSubnormal, "ordinary IEEE arithmetic after training")
    }

    /// Moments of rows without gradient decay geometrically; they are flushed to zero, never subnormal.
    @Test func decayingMomentsAreFlushedNotSubnormal() {
        let (weights, gradient) = table([0], regularized: false)
        gradient.touch(0)[0] = 1
        let settings = AdamSettings(learningRate: 0.001)
        Adam.step(weights, gradient: gradient, settings: settings, step: 1, l2: 0, rows: .all)
        gradient.clear()
        for step in 2 ... 1_500 {
            Adam.step(weights, gradient: gradient, settings: settings, step: step, l2: 0, rows: .all)
            #expect(!weights.firstMoment[0].isSubnormal && !weights.secondMoment[0].isSubnormal)
        }
        #expect(weights.firstMoment[0] == 0)
    }
}

#if canImport(Glibc)
import Glibc
#endif
