/// The rows of one member's share of a table that any of several compact gradients touched, and where
/// each gradient stores them: what lazy Adam needs to update those rows from the gradients' sum
/// without first copying them into one buffer (``Adam/step(_:summing:settings:step:l2:)``).
///
/// The gradients are the members' own, each in ``GradientTable/Layout/bySlot`` order. Rows are
/// shared out by a hash of the cache line they start in (``owner(ofRow:width:members:)``), not by
/// contiguous ranges: dense ids follow the order of first appearance in a file, so popular items
/// cluster at low ids and a range split would give one member most of the work. Hashing lines, not
/// rows, keeps the sixteen rows of a bias table's line with one member, so two cores never write
/// the same line. Rows are listed in the order the parts first touched them (part 0's first), so a
/// given set of gradients always gives the same list.
public final class GradientSum: @unchecked Sendable {
    /// Rows of the table.
    public let rows: Int
    /// Floats per row.
    public let width: Int
    /// How many gradients are summed.
    public let partCount: Int
    /// `position[r]`: where row `r` is in ``listedRows``, or −1.
    private let position: UnsafeMutablePointer<Int32>
    private let list: UnsafeMutablePointer<Int32>
    /// `slots[p·rows + n]`: where part `p` stores the `n`th listed row, or −1 if it does not.
    private let slots: UnsafeMutablePointer<Int32>
    private let starts: UnsafeMutablePointer<UnsafePointer<Float>?>
    private var count = 0

    /// An empty sum over `partCount` gradients of a table of `rows` rows of `width` floats.
    public init(rows: Int, width: Int, partCount: Int) {
        self.rows = rows; self.width = width; self.partCount = partCount
        position = .allocate(capacity: max(rows, 1))
        position.initialize(repeating: -1, count: max(rows, 1))
        list = .allocate(capacity: max(rows, 1))
        slots = .allocate(capacity: max(rows * partCount, 1))
        starts = .allocate(capacity: max(partCount, 1))
        starts.initialize(repeating: nil, count: max(partCount, 1))
    }

    deinit {
        position.deallocate(); list.deallocate(); slots.deallocate(); starts.deallocate()
    }

    /// The rows collected by the last ``collect(_:rowsIn:)``.
    public var listedRows: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: list, count: count) }

    /// Which of `members` members owns `row` of a table of `width`-float rows: a multiplicative hash
    /// (Fibonacci hashing) of the 64-byte line the row starts in, cheap and balanced however
    /// popularity is spread over the ids.
    @inline(__always)
    public static func owner(ofRow row: Int32, width: Int, members: Int) -> Int {
        let line = UInt32(truncatingIfNeeded: Int(row) * width / VectorKernels.floatsPerCacheLine)
        let hash = UInt64(line &* 0x9E37_79B9)
        return Int((hash * UInt64(members)) >> 32)
    }

    /// Lists the rows owned by `member` (of ``partCount`` members) that any of `parts` touched, and
    /// where each part stores them. Complexity O(Σ parts' touched rows).
    public func collect(_ parts: [GradientTable], member: Int) {
        precondition(parts.count == partCount)
        for row in listedRows { position[Int(row)] = -1 }
        count = 0
        for (p, part) in parts.enumerated() {
            precondition(part.rows == rows && part.layout == .bySlot, "summed gradients are compact")
            starts[p] = UnsafePointer(part.values.pointer)
            for (slot, row) in part.touchedRows.enumerated() where Self.owner(ofRow: row, width: width, members: partCount) == member {
                var index = Int(position[Int(row)])
                if index < 0 {
                    index = count
                    position[Int(row)] = Int32(index)
                    list[index] = row
                    for q in 0 ..< partCount { slots[q * rows + index] = -1 }
                    count += 1
                }
                slots[p * rows + index] = Int32(slot)
            }
        }
    }

    /// Calls `body` with the kernel's view: the listed rows, the parts' storage and the slot table
    /// (row `n` of part `p` at `slots[p·stride + n]`).
    func withKernelArguments<Result>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafePointer<UnsafePointer<Float>?>, UnsafePointer<Int32>, Int) -> Result
    ) -> Result {
        body(listedRows, starts, slots, rows)
    }
}
