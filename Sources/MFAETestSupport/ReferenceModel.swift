import MFAECore

/// A naive `Double` implementation of the factor model's loss, written from the formulas and not
/// from the kernels, for gradient checks and exact small cases.
///
/// ```
/// L = (1/B) Σ (offset + b_u + c_i + v_u·t_i − r)² + perExample·(1/B)·Σ_uses |row|² + table·Σ_regularised |w|²
/// ```
public struct ReferenceModel {
    /// Parameters: encoder bias, encoder vectors, decoder bias, decoder vectors (the model's table order).
    public var tables: [[Double]]
    public var k: Int
    public var offset: Double
    public var kind: UserEncoder.Kind

    /// Copies the parameters of `model`.
    public init(_ model: FactorModel) {
        tables = model.tables.map { $0.values.array.map(Double.init) }
        k = model.k
        offset = Double(model.decoder.offset)
        kind = model.encoder.kind
    }

    /// The loss of the batch `rows` of `data`, with `kept[position]` telling whether each input
    /// rating survived the mask (ignored for MF).
    public func loss(rows: [Int], of data: RatingsByUser, kept: [Bool], tableL2: Double, perExampleL2: Double) -> Double {
        let count = rows.reduce(0) { $0 + data.range(ofRow: $1).count }
        var squared = 0.0, penalty = 0.0
        for row in rows {
            let range = data.range(ofRow: row)
            var selected: [Int] = []
            var weight = 1.0
            switch kind {
            case .perUser:
                selected = [Int(data.users[row])]
            case let .pooledCodes(normalization):
                selected = range.filter { kept[$0] }.map { Int(data.codes[$0]) }
                weight = 1 / Double(1 + (normalization == .all ? range.count : selected.count))
            }
            var bias = 0.0
            var vector = [Double](repeating: 0, count: k)
            for r in selected {
                bias += tables[0][r] * weight
                for j in 0 ..< k { vector[j] += tables[1][r * k + j] * weight }
            }
            for position in range {
                let item = Int(data.items[position])
                var prediction = offset + bias + tables[2][item]
                for j in 0 ..< k { prediction += vector[j] * tables[3][item * k + j] }
                let error = prediction - Double(data.values[position])
                squared += error * error
                penalty += perExampleL2 * squaredNorm(table: 3, row: item)
            }
            let uses = kind == .perUser ? Double(range.count) : 1
            for r in selected { penalty += perExampleL2 * uses * squaredNorm(table: 1, row: r) }
        }
        let prior = tableL2 * (tables[1].reduce(0) { $0 + $1 * $1 } + tables[3].reduce(0) { $0 + $1 * $1 })
        return (squared + penalty) / Double(count) + prior
    }

    private func squaredNorm(table: Int, row: Int) -> Double {
        (0 ..< k).reduce(0) { $0 + tables[table][row * k + $1] * tables[table][row * k + $1] }
    }
}
