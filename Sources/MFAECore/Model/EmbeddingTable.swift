/// A trainable table of `rows × width` parameters, row-major, with its Adam moments.
///
/// Biases are tables of width 1; vectors are tables of width `k`. The table alone knows the
/// row layout; ``GradientTable`` shares it, so one Adam loop serves every model.
public final class EmbeddingTable: @unchecked Sendable {
    /// A short name for messages and tests, such as `decoder.itemVectors`.
    public let name: String
    /// Number of rows.
    public let rows: Int
    /// Floats per row.
    public let width: Int
    /// Whether the L2 prior (`c_vector`) applies to this table (the vector tables).
    public let isRegularized: Bool
    /// The parameters.
    public let values: FloatBuffer
    /// Adam's first moment, same layout.
    public let firstMoment: FloatBuffer
    /// Adam's second moment, same layout.
    public let secondMoment: FloatBuffer

    /// A zero table.
    public init(name: String, rows: Int, width: Int, isRegularized: Bool) {
        self.name = name; self.rows = rows; self.width = width; self.isRegularized = isRegularized
        values = FloatBuffer(count: rows * width)
        firstMoment = FloatBuffer(count: rows * width)
        secondMoment = FloatBuffer(count: rows * width)
    }

    /// Number of parameters.
    public var count: Int { rows * width }

    /// The first float of `row`.
    public func row(_ row: Int) -> UnsafeMutablePointer<Float> {
        assert(row >= 0 && row < rows, "\(name): row \(row) outside 0..<\(rows)")
        return values.pointer + row * width
    }

    /// Sets every parameter to `randn × scale` (the notebook's `torch.randn(...) * 1e-6`) and clears the moments.
    public func initialiseGaussian(scale: Float, generator: inout SplitMix64) {
        for index in 0 ..< count { values[index] = Float(generator.nextGaussian()) * scale }
        firstMoment.fill(0)
        secondMoment.fill(0)
    }

    /// `Σ w²` over the whole table, accumulated in `Double`.
    public func sumOfSquares() -> Double {
        var sum = 0.0
        for index in 0 ..< count { let w = Double(values[index]); sum += w * w }
        return sum
    }
}
