import CKernels

/// Gradients for one ``EmbeddingTable``, with the set of rows touched since the last clear, so that
/// lazy Adam and zeroing visit only those rows.
///
/// Two layouts:
/// - ``Layout/byRow``: row `r`'s gradient is at `r × width`, the table's own layout. Dense Adam reads
///   the whole buffer in one flat pass.
/// - ``Layout/bySlot``: rows are stored in first-touch order, the `n`th touched row at `n × width`.
///   A batch touches about a thousand rows of tables of tens of thousands, so the gradient it writes
///   is one compact block that stays in the L2 cache, instead of a thousand rows scattered over a
///   table the size of the parameters; lazy Adam then reads it sequentially.
///
/// The bookkeeping lives in raw buffers: it is updated once per rating in the hot loop, where Swift
/// arrays in a class would pay for uniqueness and exclusivity checks on every access.
public final class GradientTable: @unchecked Sendable {
    /// Where a touched row's gradient is stored.
    public enum Layout: Sendable {
        /// At the row's own offset, as in the parameter table (dense Adam).
        case byRow
        /// In first-touch order (lazy Adam).
        case bySlot
    }

    /// Number of rows.
    public let rows: Int
    /// Floats per row.
    public let width: Int
    /// Where touched rows are stored.
    public let layout: Layout
    /// The gradient values, in ``layout`` order; rows not touched since the last clear are zero.
    public let values: FloatBuffer
    /// `slot[r]`: where row `r` is stored, or −1 when it is untouched.
    private let slot: UnsafeMutablePointer<Int32>
    private let touched: UnsafeMutablePointer<Int32>
    private let touchedCount: UnsafeMutablePointer<Int>
    /// The same storage as the C kernels see it (``mfae_touch`` is ``touch(_:)`` in C).
    public let kernelView: UnsafeMutablePointer<mfae_gradient_rows>

    /// Zero gradients shaped like `table`.
    public init(shapeOf table: EmbeddingTable, layout: Layout = .bySlot) {
        rows = table.rows; width = table.width
        self.layout = layout
        values = FloatBuffer(count: table.count)
        slot = .allocate(capacity: max(rows, 1))
        slot.initialize(repeating: -1, count: max(rows, 1))
        touched = .allocate(capacity: max(rows, 1))
        touchedCount = .allocate(capacity: 1)
        touchedCount.initialize(to: 0)
        kernelView = .allocate(capacity: 1)
        kernelView.initialize(to: mfae_gradient_rows(values: values.pointer, slot: slot, touched: touched,
                                                     touched_count: touchedCount, width: width,
                                                     by_row: layout == .byRow ? 1 : 0))
    }

    deinit {
        slot.deallocate(); touched.deallocate(); touchedCount.deallocate(); kernelView.deallocate()
    }

    /// Rows touched since the last clear, in first-touch order (the ``Layout/bySlot`` storage order).
    public var touchedRows: UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: touched, count: touchedCount.pointee)
    }

    /// The first float of `row`'s gradient, marking the row as touched.
    @inline(__always)
    public func touch(_ row: Int) -> UnsafeMutablePointer<Float> {
        assert(row >= 0 && row < rows)
        var index = Int(slot[row])
        if index < 0 {
            index = touchedCount.pointee
            slot[row] = Int32(truncatingIfNeeded: index)
            touched[index] = Int32(truncatingIfNeeded: row)
            touchedCount.pointee = index + 1
        }
        return values.pointer + (layout == .byRow ? row : index) * width
    }

    /// The gradient of `row` (zeros when it is untouched). For tests and checks, not for hot loops.
    public func gradient(ofRow row: Int) -> [Float] {
        precondition(row >= 0 && row < rows)
        let index = Int(slot[row])
        guard index >= 0 else { return [Float](repeating: 0, count: width) }
        let start = values.pointer + (layout == .byRow ? row : index) * width
        return Array(UnsafeBufferPointer(start: start, count: width))
    }

    /// Whether every stored value is zero and no row is touched: the state after a clear.
    public var isClear: Bool {
        touchedCount.pointee == 0 && UnsafeBufferPointer(start: values.pointer, count: values.count).allSatisfy { $0 == 0 }
    }

    /// Zeroes the touched rows and forgets them.
    public func clear() {
        switch layout {
        case .byRow:
            for row in touchedRows { (values.pointer + Int(row) * width).update(repeating: 0, count: width) }
        case .bySlot:
            values.pointer.update(repeating: 0, count: touchedCount.pointee * width)
        }
        forgetTouchedRows()
    }

    /// Forgets the touched rows without zeroing them: for callers that have zeroed them already
    /// (Adam's step consumes the gradient it reads).
    public func forgetTouchedRows() {
        for row in touchedRows { slot[Int(row)] = -1 }
        touchedCount.pointee = 0
    }

    /// Adds those of `other`'s touched rows that lie in `range` into this gradient, in `other`'s touch
    /// order, leaving `other` as it is: how the members of a team each sum their own share of the rows
    /// from every member's gradient. Complexity O(other's touched rows + added rows × width).
    public func add(_ other: GradientTable, rowsIn range: Range<Int>) {
        precondition(other.rows == rows && other.width == width)
        for (index, row) in other.touchedRows.enumerated() where range.contains(Int(row)) {
            let source = other.values.pointer + (other.layout == .byRow ? Int(row) : index) * width
            VectorKernels.addScaled(source, scale: 1, into: touch(Int(row)), count: width)
        }
    }
}
