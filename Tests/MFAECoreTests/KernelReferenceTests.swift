import CKernels
import MFAECore
import Testing

/// The fast kernels checked against plain reference loops written here, as simply as possible.
@Suite struct KernelReferenceTests {
    // MARK: References

    /// Adam on one parameter in Double, the formula of Adam.swift (PyTorch's `torch.optim.Adam`).
    static func referenceAdam(w: inout Double, m: inout Double, v: inout Double, g: Double, step: Int,
                              learningRate: Double, decay: Double) {
        let gradient = g + decay * w
        m = 0.9 * m + 0.1 * gradient
        v = 0.999 * v + 0.001 * gradient * gradient
        let mHat = m / (1 - pow(0.9, Double(step))), vHat = v / (1 - pow(0.999, Double(step)))
        w -= learningRate * mHat / (vHat.squareRoot() + 1e-8)
    }

    static func referenceDot(_ a: [Float], _ b: [Float]) -> Double {
        var sum = 0.0
        for j in a.indices { sum += Double(a[j]) * Double(b[j]) }
        return sum
    }

    static func randomFloats(_ count: Int, _ generator: inout SplitMix64) -> [Float] {
        (0 ..< count).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
    }

    // MARK: Adam

    /// The C kernel (as `Adam.step` dispatches it, lazy over touched rows and dense) against the Double
    /// reference, for widths that exercise the vector body, the scalar tail, width-1 bias tables and the
    /// widths the row kernel takes as constants (8, 16, 32, 64),
    /// over several steps so that the moments and bias correction matter.
    @Test(arguments: [1, 7, 8, 10, 16, 32, 37, 64], [Adam.Rows.touched, .all])
    func adamStepMatchesReference(width: Int, rows mode: Adam.Rows) {
        let rows = 50
        var generator = SplitMix64(seed: UInt64(width))
        let table = EmbeddingTable(name: "t", rows: rows, width: width, isRegularized: true)
        table.values.assign(Self.randomFloats(rows * width, &generator))
        let gradient = GradientTable(shapeOf: table, layout: mode == .all ? .byRow : .bySlot)
        var w = table.values.array.map(Double.init)
        var m = [Double](repeating: 0, count: rows * width), v = m
        let settings = AdamSettings(learningRate: 0.01), l2: Float = 0.05
        for step in 1 ... 4 {
            let touched = (0 ..< rows).filter { ($0 * 7 + step) % 3 == 0 }  // scattered, in a fixed order
            var g = [Double](repeating: 0, count: rows * width)
            for row in touched.reversed() {  // touch order differs from row order
                let target = gradient.touch(row)
                for j in 0 ..< width {
                    let value = Float(generator.nextUnitDouble() - 0.5)
                    target[j] = value
                    g[row * width + j] = Double(value)
                }
            }
            let before = table.values.array
            Adam.step(table, gradient: gradient, settings: settings, step: step, l2: l2, rows: mode)
            for row in 0 ..< rows where mode == .all || touched.contains(row) {
                for index in row * width ..< (row + 1) * width {
                    Self.referenceAdam(w: &w[index], m: &m[index], v: &v[index], g: g[index], step: step,
                                       learningRate: 0.01, decay: Double(2 * l2))
                }
            }
            for index in 0 ..< rows * width {
                let row = index / width
                if mode == .touched && !touched.contains(row) {
                    #expect(table.values[index] == before[index], "untouched row \(row) changed")
                } else {
                    #expect(abs(Double(table.values[index]) - w[index]) <= 1e-6 * max(1, abs(w[index])),
                            "w[\(index)] step \(step): \(table.values[index]) vs \(w[index])")
                    #expect(abs(Double(table.firstMoment[index]) - m[index]) <= 1e-6)
                    #expect(abs(Double(table.secondMoment[index]) - v[index]) <= 1e-6)
                }
            }
            #expect(gradient.values.array.allSatisfy { $0 == 0 }, "the step consumes the gradient")
            #expect(gradient.touchedRows.isEmpty, "and forgets the touched rows")
        }
    }

    /// The portable and AVX2 builds of the row kernel agree with each other to float rounding
    /// (the AVX2 build may fuse a multiply and an add).
    @Test func portableAndAVX2RowKernelsAgree() {
        let width = 32, rows = 40
        var generator = SplitMix64(seed: 7)
        let start = Self.randomFloats(rows * width, &generator)
        let g = Self.randomFloats(rows * width, &generator)
        let list: [Int32] = [3, 17, 0, 39, 8, 21, 22, 5]
        let constants = mfae_adam_constants(beta1: 0.9, beta2: 0.999, step_size: 0.01 / 0.1,
                                            inverse_root_correction2: 1 / (0.001 as Float).squareRoot(),
                                            epsilon: 1e-8, decay: 1e-3)
        func run(_ kernel: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                            UnsafeMutablePointer<Float>, Int, UnsafePointer<Int32>, Int, mfae_adam_constants) -> Void)
            -> [Float] {
            let w = FloatBuffer(start), m = FloatBuffer(count: rows * width), v = FloatBuffer(count: rows * width)
            let gradient = FloatBuffer(g)
            list.withUnsafeBufferPointer { kernel(w.pointer, m.pointer, v.pointer, gradient.pointer, width, $0.baseAddress!, list.count, constants) }
            return w.array
        }
        let portable = run { mfae_adam_update_rows_portable($0, $1, $2, $3, $4, $5, $6, $7) }
        let dispatched = run { mfae_adam_update_rows($0, $1, $2, $3, $4, $5, $6, $7) }
        let avx2 = mfae_cpu_has_avx2_fma() != 0 ? run { mfae_adam_update_rows_avx2($0, $1, $2, $3, $4, $5, $6, $7) } : portable
        for index in portable.indices {
            #expect(abs(portable[index] - avx2[index]) <= 1e-6 * max(1, abs(portable[index])))
            #expect(abs(portable[index] - dispatched[index]) <= 1e-6 * max(1, abs(portable[index])))
        }
    }

    // MARK: Vector kernels

    @Test(arguments: [0, 1, 7, 8, 10, 16, 31, 32, 33, 128])
    func vectorKernelsMatchReference(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) + 100)
        let a = Self.randomFloats(count, &generator), b = Self.randomFloats(count, &generator)
        let x = FloatBuffer(a), y = FloatBuffer(b)
        let dot = VectorKernels.dot(x.pointer, y.pointer, count: count)
        #expect(abs(Double(dot) - Self.referenceDot(a, b)) <= 1e-5 * Double(max(count, 1)))
        #expect(abs(Double(VectorKernels.squaredNorm(x.pointer, count: count)) - Self.referenceDot(a, a))
                <= 1e-5 * Double(max(count, 1)))
        VectorKernels.addScaled(x.pointer, scale: 0.5, into: y.pointer, count: count)
        for j in 0 ..< count { #expect(y[j] == b[j] + 0.5 * a[j]) }
    }

    /// Adding another member's gradient leaves the sum in the target, in touch order, whatever the two
    /// layouts, and only for the rows asked for; the source is left as it was.
    @Test(arguments: [GradientTable.Layout.byRow, .bySlot], [GradientTable.Layout.byRow, .bySlot])
    func addSumsTheRowsAskedFor(target targetLayout: GradientTable.Layout, source sourceLayout: GradientTable.Layout) {
        let table = EmbeddingTable(name: "t", rows: 4, width: 3, isRegularized: false)
        let target = GradientTable(shapeOf: table, layout: targetLayout)
        let source = GradientTable(shapeOf: table, layout: sourceLayout)
        target.touch(1)[0] = 1
        source.touch(3)[2] = 5
        source.touch(1)[0] = 2
        target.add(source, rowsIn: 0 ..< 2)
        #expect(target.gradient(ofRow: 1) == [3, 0, 0] && target.gradient(ofRow: 3) == [0, 0, 0])
        #expect(source.gradient(ofRow: 1) == [2, 0, 0] && source.gradient(ofRow: 3) == [0, 0, 5])
        target.add(source, rowsIn: 2 ..< 4)
        #expect(target.gradient(ofRow: 1) == [3, 0, 0] && target.gradient(ofRow: 3) == [0, 0, 5])
        #expect(target.gradient(ofRow: 0) == [0, 0, 0] && target.gradient(ofRow: 2) == [0, 0, 0])
        let expectedStorage: [Float] = targetLayout == .byRow ? [0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 5]
                                                              : [3, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0]
        #expect(target.values.array == expectedStorage)
        #expect(Array(target.touchedRows) == [1, 3])
        source.clear()
        #expect(source.isClear)
        target.clear()
        #expect(target.isClear && target.gradient(ofRow: 1) == [0, 0, 0])
    }
}

#if canImport(Glibc)
import Glibc
#endif
