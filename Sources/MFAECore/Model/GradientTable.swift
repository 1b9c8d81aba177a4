/// Gradients for one ``EmbeddingTable``, in the same layout, with the set of rows touched since
/// the last ``clear()`` so that lazy Adam and zeroing visit only those rows.
///
/// The touched-row bookkeeping lives in raw buffers: it is updated once per rating in the hot loop,
/// where Swift arrays in a class would pay for uniqueness and exclusivity checks on every access.
public final class GradientTable: @unchecked Sendable {
    /// Number of rows.
    public let rows: Int
    /// Floats per row.
    public let width: Int
    /// The gradient values.
    public let values: FloatBuffer
    private let isTouched: UnsafeMutablePointer<Bool>
    private let touched: UnsafeMutablePointer<Int32>
    private let touchedCount: UnsafeMutablePointer<Int>

    /// Zero gradients shaped like `table`.
    public init(shapeOf table: EmbeddingTable) {
        rows = table.rows; width = table.width
        values = FloatBuffer(count: table.count)
        isTouched = .allocate(capacity: max(rows, 1))
        isTouched.initialize(repeating: false, count: max(rows, 1))
        touched = .allocate(capacity: max(rows, 1))
        touchedCount = .allocate(capacity: 1)
        touchedCount.initialize(to: 0)
    }

    deinit {
        isTouched.deallocate(); touched.deallocate(); touchedCount.deallocate()
    }

    /// Rows touched since the last clear, in first-touch order.
    public var touchedRows: UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: touched, count: touchedCount.pointee)
    }

    /// The first float of `row`'s gradient, marking the row as touched.
    @inline(__always)
    public func touch(_ row: Int) -> UnsafeMutablePointer<Float> {
        assert(row >= 0 && row < rows)
        if !isTouched[row] {
            isTouched[row] = true
            touched[touchedCount.pointee] = Int32(truncatingIfNeeded: row)
            touchedCount.pointee += 1
        }
        return values.pointer + row * width
    }

    /// Zeroes the touched rows and forgets them.
    public func clear() {
        for row in touchedRows {
            (values.pointer + Int(row) * width).update(repeating: 0, count: width)
            isTouched[Int(row)] = false
        }
        touchedCount.pointee = 0
    }

    /// Forgets the touched rows without zeroing them: for callers that have zeroed them already
    /// (Adam's step consumes the gradient it reads).
    public func forgetTouchedRows() {
        for row in touchedRows { isTouched[Int(row)] = false }
        touchedCount.pointee = 0
    }

    /// Adds `other`'s touched rows into this gradient, in `other`'s touch order, and clears `other`
    /// in the same pass. Complexity O(other's touched rows × width).
    public func absorb(_ other: GradientTable) {
        precondition(other.rows == rows && other.width == width)
        for row in other.touchedRows {
            let source = other.values.pointer + Int(row) * width
            VectorKernels.addScaled(source, scale: 1, into: touch(Int(row)), count: width)
            source.update(repeating: 0, count: width)
        }
        other.forgetTouchedRows()
    }
}
