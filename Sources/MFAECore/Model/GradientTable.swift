import CKernels

/// Gradients for one ``EmbeddingTable``, with the rows touched since the last clear (a ``TouchedRows``
/// index, which a bias and a vector table over the same rows share), so that lazy Adam and zeroing
/// visit only those rows.
///
/// Two layouts:
/// - ``Layout/byRow``: row `r`'s gradient is at `r × width`, the table's own layout. Dense Adam reads
///   the whole buffer in one flat pass.
/// - ``Layout/bySlot``: rows are stored in first-touch order, the `n`th touched row at `n × width`.
///   A batch touches about a thousand rows of tables of tens of thousands, so the gradient it writes
///   is one compact block that stays in the L2 cache, instead of a thousand rows scattered over a
///   table the size of the parameters; lazy Adam then reads it sequentially.
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
    /// Which rows are touched, and in what order; possibly shared with a sibling table.
    private let index: TouchedRows
    /// This table's number among the index's sharers.
    private let sharer: Int
    /// The same storage as the C kernels see it (``mfae_touch`` is ``touch(_:)`` in C).
    public let kernelView: UnsafeMutablePointer<mfae_gradient_rows>

    /// Zero gradients shaped like `table`.
    ///
    /// With `sibling`, the two share one touched-row index: touching a row in either touches it in
    /// both (in the other its gradient stays zero until written), and the rows are forgotten once
    /// both have consumed their gradient (``Adam/step(_:gradient:settings:step:l2:rows:range:)`` or
    /// ``clear()``). For tables that are always touched together, row for row: a bias table and the
    /// vector table over the same rows.
    public init(shapeOf table: EmbeddingTable, layout: Layout = .bySlot, sharingTouchedRowsWith sibling: GradientTable? = nil) {
        rows = table.rows; width = table.width
        self.layout = layout
        values = FloatBuffer(count: table.count)
        if let sibling {
            precondition(sibling.rows == rows && sibling.layout == layout, "siblings share rows and layout")
            index = sibling.index
        } else {
            index = TouchedRows(rows: rows)
        }
        sharer = index.join()
        kernelView = .allocate(capacity: 1)
        kernelView.initialize(to: mfae_gradient_rows(values: values.pointer, slot: index.slot, touched: index.touched,
                                                     touched_count: index.count, width: width,
                                                     by_row: layout == .byRow ? 1 : 0))
    }

    deinit { kernelView.deallocate() }

    /// Rows touched since the last clear, in first-touch order (the ``Layout/bySlot`` storage order).
    public var touchedRows: UnsafeBufferPointer<Int32> { index.rowsInTouchOrder }

    /// The first float of `row`'s gradient, marking the row as touched.
    @inline(__always)
    public func touch(_ row: Int) -> UnsafeMutablePointer<Float> {
        let position = index.position(of: row)
        return values.pointer + (layout == .byRow ? row : position) * width
    }

    /// The gradient of `row` (zeros when it is untouched). For tests and checks, not for hot loops.
    public func gradient(ofRow row: Int) -> [Float] {
        guard let position = index.existingPosition(of: row) else { return [Float](repeating: 0, count: width) }
        let start = values.pointer + (layout == .byRow ? row : position) * width
        return Array(UnsafeBufferPointer(start: start, count: width))
    }

    /// Whether every stored value is zero and no row is touched: the state after a clear (of every
    /// table sharing the index).
    public var isClear: Bool {
        touchedRows.isEmpty && UnsafeBufferPointer(start: values.pointer, count: values.count).allSatisfy { $0 == 0 }
    }

    /// Zeroes the touched rows and forgets them (once every table sharing the index has).
    public func clear() {
        switch layout {
        case .byRow:
            for row in touchedRows { (values.pointer + Int(row) * width).update(repeating: 0, count: width) }
        case .bySlot:
            values.pointer.update(repeating: 0, count: touchedRows.count * width)
        }
        forgetTouchedRows()
    }

    /// Forgets the touched rows without zeroing them (once every table sharing the index has): for
    /// callers that have zeroed them already (Adam's step consumes the gradient it reads).
    public func forgetTouchedRows() { index.release(by: sharer) }

    /// Adds those of `other`'s touched rows that lie in `range` into this gradient, in `other`'s touch
    /// order, leaving `other` as it is: how the members of a team each sum their own share of the rows
    /// from every member's gradient. Complexity O(other's touched rows + added rows × width).
    public func add(_ other: GradientTable, rowsIn range: Range<Int>) {
        precondition(other.rows == rows && other.width == width)
        for (position, row) in other.touchedRows.enumerated() where range.contains(Int(row)) {
            let source = other.values.pointer + (other.layout == .byRow ? Int(row) : position) * width
            VectorKernels.addScaled(source, scale: 1, into: touch(Int(row)), count: width)
        }
    }
}
