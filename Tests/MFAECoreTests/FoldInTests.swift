import MFAECore
import MFAETestSupport
import Testing

@Suite struct FoldInTests {
    /// Solves min Σ (y − zᵀx)² + Σ λ_a x_a² by Householder QR of the stacked system [Z; √Λ] — a direct
    /// least-squares solve that shares no code with the Cholesky normal equations under test.
    func leastSquares(rows z: [[Double]], targets y: [Double], penalties: [Double]) -> [Double] {
        let n = penalties.count
        var a = z + penalties.enumerated().map { index, lambda in
            (0 ..< n).map { $0 == index ? lambda.squareRoot() : 0 }
        }
        var b = y + [Double](repeating: 0, count: n)
        let m = a.count
        for column in 0 ..< n {
            var norm = 0.0
            for row in column ..< m { norm += a[row][column] * a[row][column] }
            norm = norm.squareRoot()
            let alpha = a[column][column] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m)
            for row in column ..< m { v[row] = a[row][column] }
            v[column] -= alpha
            let vv = v.reduce(0) { $0 + $1 * $1 }
            guard vv > 0 else { continue }
            for j in column ..< n {
                var dot = 0.0
                for row in column ..< m { dot += v[row] * a[row][j] }
                for row in column ..< m { a[row][j] -= 2 * dot / vv * v[row] }
            }
            var dot = 0.0
            for row in column ..< m { dot += v[row] * b[row] }
            for row in column ..< m { b[row] -= 2 * dot / vv * v[row] }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var value = b[row]
            for j in (row + 1) ..< n { value -= a[row][j] * x[j] }
            x[row] = value / a[row][row]
        }
        return x
    }

    @Test(arguments: [0.0, 0.5, 3.0])
    func ridgeSolveMatchesDirectLeastSquares(perRating: Double) {
        let data = Fixtures.planted(users: 5, items: 30, perUser: 14)
        let k = 4
        let decoder = RatingDecoder(itemCount: data.itemCount, k: k, offset: 3.1)
        var generator = SplitMix64(seed: 9)
        decoder.itemBias.initialiseGaussian(scale: 0.3, generator: &generator)
        decoder.itemVectors.initialiseGaussian(scale: 0.8, generator: &generator)
        var solver = RidgeFoldIn(k: k, penalty: RidgePenalty(perUser: 0.2, perRating: perRating))
        var bias: Float = 0
        let vector = FloatBuffer(count: k)
        let row = 2
        solver.solve(row: row, of: data.ratings, decoder: decoder, bias: &bias, vector: vector.pointer)

        let range = data.ratings.range(ofRow: row)
        let z = range.map { position -> [Double] in
            let item = Int(data.ratings.items[position])
            return [1] + (0 ..< k).map { Double(decoder.itemVectors.values[item * k + $0]) }
        }
        let y = range.map { Double(data.ratings.values[$0]) - 3.1 - Double(decoder.itemBias.values[Int(data.ratings.items[$0])]) }
        let lambda = 0.2 + perRating * Double(range.count)
        let expected = leastSquares(rows: z, targets: y, penalties: [solver.biasLambda] + Array(repeating: lambda, count: k))
        #expect(abs(Double(bias) - expected[0]) < 1e-4)
        for j in 0 ..< k { #expect(abs(Double(vector[j]) - expected[j + 1]) < 1e-4) }
    }

    @Test func penaltyFollowsTheTrainingPrior() {
        var configuration = TrainingConfiguration()
        configuration.cVector = 0.5
        configuration.batchSize = 100
        #expect(RidgeFoldIn.penalty(for: configuration, trainCount: 5_000) == RidgePenalty(perUser: 2_500, perRating: 0))
        configuration.optimizer = .lazyAdam
        #expect(RidgeFoldIn.penalty(for: configuration, trainCount: 5_000) == RidgePenalty(perUser: 50, perRating: 0))
        configuration.regularization = .perExample
        #expect(RidgeFoldIn.penalty(for: configuration, trainCount: 5_000) == RidgePenalty(perUser: 0, perRating: 0.5))
    }
}
