import CKernels
@testable import MFAECore
import Testing

/// The per-rating C kernels (LatentKernels.c) against plain Double loops, in both builds, for widths
/// that take the in-register path (multiples of 8 up to 64) and the general one, in both gradient layouts.
@Suite struct LatentKernelReferenceTests {
    enum Build: CaseIterable { case portable, avx2, dispatched }

    static let widths = [3, 8, 10, 32, 64, 72]

    static func floats(_ count: Int, _ generator: inout SplitMix64) -> [Float] {
        (0 ..< count).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
    }

    static func close(_ a: Float, _ b: Double, _ tolerance: Double = 1e-5) -> Bool {
        abs(Double(a) - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: widths, [Float(0), 0.01])
    func decodeMatchesReference(k: Int, perUseL2: Float) {
        for build in Build.allCases {
            for layout in [GradientTable.Layout.byRow, .bySlot] {
                checkDecode(k: k, perUseL2: perUseL2, build: build, layout: layout)
            }
        }
    }

    func checkDecode(k: Int, perUseL2: Float, build: Build, layout: GradientTable.Layout) {
        let itemCount = 12
        var generator = SplitMix64(seed: UInt64(k * 10 + 1))
        let decoder = RatingDecoder(itemCount: itemCount, k: k, offset: 0.25)
        decoder.itemBias.values.assign(Self.floats(itemCount, &generator))
        decoder.itemVectors.values.assign(Self.floats(itemCount * k, &generator))
        let items: [Int32] = [4, 0, 11, 4, 7, 3, 9, 4, 0, 2, 5, 11, 1, 6]  // repeats accumulate
        let ratings = items.map { _ in Float(1 + (generator.next() % 5)) }
        let userVector = Self.floats(k, &generator), startGradient = Self.floats(k, &generator)
        let userBias: Float = -0.3, lossScale: Float = 1 / 14
        let gradients = decoder.makeGradients(layout: layout)
        let vector = FloatBuffer(userVector), vectorGradient = FloatBuffer(startGradient)

        let kernel = switch build {
        case .portable: mfae_decode_ratings_portable
        case .avx2: mfae_decode_ratings_avx2
        case .dispatched: mfae_decode_ratings
        }
        let sums = items.withUnsafeBufferPointer { itemPointer in
            ratings.withUnsafeBufferPointer { ratingPointer in
                kernel(itemPointer.baseAddress, ratingPointer.baseAddress, items.count,
                       decoder.itemBias.values.pointer, decoder.itemVectors.values.pointer, k,
                       decoder.offset + userBias, vector.pointer, lossScale, perUseL2,
                       gradients.itemBias.kernelView, gradients.itemVectors.kernelView, vectorGradient.pointer)
            }
        }

        // Reference, in Double.
        let t = decoder.itemVectors.values.array.map(Double.init), c = decoder.itemBias.values.array.map(Double.init)
        let v = userVector.map(Double.init)
        var squared = 0.0, penalty = 0.0, biasGradient = 0.0
        var dv = startGradient.map(Double.init)
        var dc = [Double](repeating: 0, count: itemCount), dt = [Double](repeating: 0, count: itemCount * k)
        for (n, item32) in items.enumerated() {
            let i = Int(item32)
            var dot = 0.0
            for j in 0 ..< k { dot += v[j] * t[i * k + j] }
            let error = 0.25 + Double(userBias) + c[i] + dot - Double(ratings[n])
            squared += error * error
            let g = 2 * error * Double(lossScale)
            dc[i] += g
            biasGradient += g
            for j in 0 ..< k {
                dt[i * k + j] += g * v[j] + 2 * Double(perUseL2) * t[i * k + j]
                dv[j] += g * t[i * k + j]
                penalty += Double(perUseL2) * t[i * k + j] * t[i * k + j]
            }
        }
        let label = "k=\(k) l2=\(perUseL2) \(build) \(layout)"
        #expect(Self.close(Float(sums.squared_errors), squared), "\(label): squared errors")
        #expect(Self.close(Float(sums.penalty), penalty), "\(label): penalty")
        #expect(Self.close(sums.bias_gradient, biasGradient), "\(label): bias gradient")
        for j in 0 ..< k { #expect(Self.close(vectorGradient[j], dv[j]), "\(label): user vector gradient \(j)") }
        var firstTouches: [Int32] = []
        for item in items where !firstTouches.contains(item) { firstTouches.append(item) }
        #expect(Array(gradients.itemVectors.touchedRows) == firstTouches, "\(label): touch order")
        #expect(Array(gradients.itemBias.touchedRows) == firstTouches, "\(label): touch order")
        for i in 0 ..< itemCount {
            #expect(Self.close(gradients.itemBias.gradient(ofRow: i)[0], dc[i]), "\(label): item bias \(i)")
            let row = gradients.itemVectors.gradient(ofRow: i)
            for j in 0 ..< k { #expect(Self.close(row[j], dt[i * k + j]), "\(label): item \(i) dimension \(j)") }
        }
    }

    @Test(arguments: widths)
    func poolMatchesReference(k: Int) {
        var generator = SplitMix64(seed: UInt64(k) + 50)
        let rows = 9
        let bias = FloatBuffer(Self.floats(rows, &generator)), vectors = FloatBuffer(Self.floats(rows * k, &generator))
        let selected: [Int32] = [7, 2, 2, 0, 8]
        for build in Build.allCases {
            let kernel = switch build {
            case .portable: mfae_pool_rows_portable
            case .avx2: mfae_pool_rows_avx2
            case .dispatched: mfae_pool_rows
            }
            let out = FloatBuffer(count: k, repeating: 99)  // overwritten, not added to
            let userBias = selected.withUnsafeBufferPointer {
                kernel(bias.pointer, vectors.pointer, k, $0.baseAddress, $0.count, 1 / 6, out.pointer)
            }
            let expectedBias = selected.reduce(0.0) { $0 + Double(bias[Int($1)]) } / 6
            #expect(Self.close(userBias, expectedBias), "k=\(k) \(build)")
            for j in 0 ..< k {
                let expected = selected.reduce(0.0) { $0 + Double(vectors[Int($1) * k + j]) } / 6
                #expect(Self.close(out[j], expected), "k=\(k) \(build) dimension \(j)")
            }
            let none = kernel(bias.pointer, vectors.pointer, k, nil, 0, 1, out.pointer)
            #expect(none == 0 && out.array.allSatisfy { $0 == 0 }, "an empty selection pools to zero")
        }
    }

    @Test(arguments: widths, [Float(0), 0.02])
    func scatterMatchesReference(k: Int, useL2: Float) {
        var generator = SplitMix64(seed: UInt64(k) + 80)
        let rows = 9
        let encoder = UserEncoder(kind: .pooledCodes(.all), rows: rows, k: k)
        encoder.vectors.values.assign(Self.floats(rows * k, &generator))
        let userGradient = Self.floats(k, &generator)
        let selected: [Int32] = [5, 1, 8, 3]
        let weight: Float = 0.2, biasGradient: Float = -0.7
        for build in Build.allCases {
            for layout in [GradientTable.Layout.byRow, .bySlot] {
                let kernel = switch build {
                case .portable: mfae_scatter_rows_portable
                case .avx2: mfae_scatter_rows_avx2
                case .dispatched: mfae_scatter_rows
                }
                let gradients = encoder.makeGradients(layout: layout)
                gradients.vectors.touch(1)[0] = 3  // an earlier user's gradient is added to
                let penalty = selected.withUnsafeBufferPointer { selection in
                    userGradient.withUnsafeBufferPointer { gradient in
                        kernel(selection.baseAddress, selection.count, weight, biasGradient, gradient.baseAddress,
                               encoder.vectors.values.pointer, k, useL2, gradients.bias.kernelView,
                               gradients.vectors.kernelView)
                    }
                }
                var expectedPenalty = 0.0
                let label = "k=\(k) l2=\(useL2) \(build) \(layout)"
                for row in selected.map(Int.init) {
                    #expect(Self.close(gradients.bias.gradient(ofRow: row)[0], Double(weight * biasGradient)), "\(label)")
                    let got = gradients.vectors.gradient(ofRow: row)
                    for j in 0 ..< k {
                        let q = Double(encoder.vectors.values[row * k + j])
                        expectedPenalty += Double(useL2) * q * q
                        let expected = Double(weight) * Double(userGradient[j]) + 2 * Double(useL2) * q
                            + (row == 1 && j == 0 ? 3 : 0)
                        #expect(Self.close(got[j], expected), "\(label): row \(row) dimension \(j)")
                    }
                }
                #expect(Self.close(Float(penalty), expectedPenalty), "\(label): penalty")
                #expect(Array(gradients.vectors.touchedRows) == [1, 5, 8, 3], "\(label): touch order (row 1 first, touched before)")
                #expect(gradients.bias.gradient(ofRow: 0) == [0] && gradients.vectors.gradient(ofRow: 0).allSatisfy { $0 == 0 })
            }
        }
    }

    /// The selection kernel draws exactly InputMask's stream (same kept ratings, generator left in the
    /// same state) and keeps exactly the codes of the share, by RowShare's hash written out here.
    @Test(arguments: [Float(0), 0.3, 0.5], [1, 3])
    func selectionDrawsTheSwiftMaskAndKeepsTheShare(fraction: Float, members: Int) {
        let k = 32
        var generator = SplitMix64(seed: 11)
        let codes = (0 ..< 200).map { _ in Int32(truncatingIfNeeded: generator.next() % 5_000) }
        let encoder = UserEncoder(kind: .pooledCodes(.kept), rows: 5_000, k: k)
        let data = RatingsByUser(users: [0], offsets: [0, codes.count], items: codes, codes: codes,
                                 values: [Float](repeating: 3, count: codes.count))
        for member in 0 ..< members {
            let share = members > 1 ? RowShare(member: member, members: members, width: k) : nil
            var mask = InputMask.random(fraction: fraction, generator: SplitMix64(seed: 5))
            var reference = mask
            var selection = RowSelection()
            let weight = encoder.select(row: 0, of: data, mask: &mask, into: &selection, share: share)
            var kept = 0, expected: [Int32] = []
            for code in codes where reference.keepsNext() {
                kept += 1
                let line = UInt32(truncatingIfNeeded: Int(code) * k / 16)
                let owner = Int((UInt64(line &* 0x9E37_79B9) * UInt64(members)) >> 32)
                if owner == member { expected.append(code) }
            }
            #expect(selection.rows == expected, "fraction \(fraction), member \(member) of \(members)")
            #expect(weight == 1 / Float(1 + kept))
            #expect(mask.keepsNext() == reference.keepsNext() && mask.keepsNext() == reference.keepsNext(),
                    "the generator is left where the Swift draws leave it")
            if fraction == 0.5 && members == 1 { #expect(kept > 70 && kept < 130) }
        }
    }
}
