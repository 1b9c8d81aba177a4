/// Gradients for one ``EmbeddingTable``, in the same layout, with the set of rows touched since
/// the last ``clear()`` so that lazy Adam and zeroing visit only those rows.
public final class GradientTable: @unchecked Sendable {
    /// Number of rows.
    public let rows: Int
    /// Floats per row.
    public let width: Int
    /// The gradient values.
    public let values: FloatBuffer
    private var isTouched: [Bool]
    /// Rows touched since the last clear, in first-touch order.
    public private(set) var touchedRows: [Int32] = []

    /// Zero gradients shaped like `table`.
    public init(shapeOf table: EmbeddingTable) {
        rows = table.rows; width = table.width
        values = FloatBuffer(count: table.count)
        isTouched = [Bool](repeating: false, count: table.rows)
    }

    /// The first float of `row`'s gradient, marking the row as touched.
    public func touch(_ row: Int) -> UnsafeMutablePointer<Float> {
        if !isTouched[row] {
            isTouched[row] = true
            touchedRows.append(Int32(row))
        }
        return values.pointer + row * width
    }

    /// Zeroes the touched rows and forgets them.
    public func clear() {
        for row in touchedRows {
            let start = values.pointer + Int(row) * width
            start.update(repeating: 0, count: width)
            isTouched[Int(row)] = false
        }
        touchedRows.removeAll(keepingCapacity: true)
    }

    /// Adds `other`'s touched rows into this gradient, in `other`'s touch order.
    public func accumulate(_ other: GradientTable) {
        precondition(other.rows == rows && other.width == width)
        for row in other.touchedRows {
            let target = touch(Int(row))
            let source = other.values.pointer + Int(row) * width
            for column in 0 ..< width { target[column] += source[column] }
        }
    }
}
