/// The rows of a table touched since the last clear, in first-touch order, with each row's position in
/// that order: the bookkeeping behind ``GradientTable``.
///
/// A bias table and a vector table over the same rows (a code's bias and vector, an item's bias and
/// vector) are always touched together, row for row, so their gradients share one index: a kernel's
/// second touch of a row then finds its slot in a cache line the first touch just brought in. Over the
/// autoencoder's code tables (tens of thousands of rows, larger than the L2 cache together with the
/// rest) that halves the index's cache misses, which were most of the gradient scatter's time.
///
/// Each sharing table releases the index once it has consumed its gradient (an Adam step or a clear);
/// the rows are forgotten when every one has. The bookkeeping lives in raw buffers: it is updated
/// once per rating in the hot loop, where Swift arrays in a class would pay for uniqueness and
/// exclusivity checks on every access.
final class TouchedRows {
    /// Number of rows of the tables.
    let rows: Int
    /// `slot[r]`: the position of row `r` in the touch order, or −1 when it is untouched.
    let slot: UnsafeMutablePointer<Int32>
    /// The touched rows in first-touch order.
    let touched: UnsafeMutablePointer<Int32>
    /// How many rows are touched.
    let count: UnsafeMutablePointer<Int>
    /// Gradient tables sharing this index.
    private(set) var sharers = 0
    /// Bit `i` is set when sharer `i` has released the index since the rows were last forgotten.
    private var released: UInt64 = 0

    /// An index with no touched row, over `rows` rows.
    init(rows: Int) {
        self.rows = rows
        slot = .allocate(capacity: max(rows, 1))
        slot.initialize(repeating: -1, count: max(rows, 1))
        touched = .allocate(capacity: max(rows, 1))
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    deinit {
        slot.deallocate(); touched.deallocate(); count.deallocate()
    }

    /// Registers one more gradient table that shares the index; returns its number, for ``release(by:)``.
    func join() -> Int {
        precondition(sharers < 63, "at most 63 tables share an index")
        sharers += 1
        return sharers - 1
    }

    /// The touched rows, in first-touch order.
    var rowsInTouchOrder: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: touched, count: count.pointee) }

    /// The position of `row` in the touch order, appending it if it is untouched.
    @inline(__always)
    func position(of row: Int) -> Int {
        assert(row >= 0 && row < rows)
        var index = Int(slot[row])
        if index < 0 {
            index = count.pointee
            slot[row] = Int32(truncatingIfNeeded: index)
            touched[index] = Int32(truncatingIfNeeded: row)
            count.pointee = index + 1
        }
        return index
    }

    /// The position of `row` in the touch order, or nil when it is untouched.
    func existingPosition(of row: Int) -> Int? {
        precondition(row >= 0 && row < rows)
        let index = Int(slot[row])
        return index >= 0 ? index : nil
    }

    /// Sharer `sharer` has consumed its gradient; once every sharer has (releasing twice counts once),
    /// every row is forgotten, in O(touched rows).
    func release(by sharer: Int) {
        precondition(sharer >= 0 && sharer < sharers)
        released |= 1 << UInt64(sharer)
        guard released == (1 << UInt64(sharers)) - 1 else { return }
        for row in rowsInTouchOrder { slot[Int(row)] = -1 }
        count.pointee = 0
        released = 0
    }
}
