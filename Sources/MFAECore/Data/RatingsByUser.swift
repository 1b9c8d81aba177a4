/// Ratings grouped by user in compressed sparse rows: the ratings of row `r` are
/// `offsets[r] ..< offsets[r + 1]` of the parallel arrays, so a block of whole users is contiguous.
///
/// Rows name users of the parent ``RatingSet`` through ``users``; a split keeps only some users
/// or some ratings of each user, in the same layout.
public struct RatingsByUser: Sendable, Equatable {
    /// The dense user index of each row.
    public var users: [Int32]
    /// Row starts into the rating arrays; `rowCount + 1` entries, first 0, last `count`.
    public var offsets: [Int]
    /// The dense item index of each rating.
    public var items: [Int32]
    /// The encoder code of each rating (``CodeIndex``), item × levelCount + level.
    public var codes: [Int32]
    /// The rating value of each rating.
    public var values: [Float]

    /// An empty set of rows.
    public init() {
        users = []; offsets = [0]; items = []; codes = []; values = []
    }

    /// Wraps prepared arrays; checks that the shapes agree.
    public init(users: [Int32], offsets: [Int], items: [Int32], codes: [Int32], values: [Float]) {
        precondition(offsets.count == users.count + 1, "offsets need rowCount + 1 entries")
        precondition(offsets.first == 0 && offsets.last == items.count, "offsets must span the ratings")
        precondition(items.count == codes.count && items.count == values.count, "rating arrays differ in length")
        self.users = users; self.offsets = offsets; self.items = items; self.codes = codes; self.values = values
    }

    /// Number of rows (users).
    public var rowCount: Int { users.count }
    /// Number of ratings in all rows.
    public var count: Int { items.count }
    /// The rating positions of row `row`.
    public func range(ofRow row: Int) -> Range<Int> { offsets[row] ..< offsets[row + 1] }
    /// Number of ratings in `rows` (a batch's rows). Complexity O(rows).
    public func ratingCount(ofRows rows: some Collection<Int>) -> Int {
        var count = 0
        for row in rows { count += range(ofRow: row).count }
        return count
    }

    /// Appends one row; `ratings` are (item, code, value) triples.
    public mutating func appendRow(user: Int32, items newItems: some Collection<Int32>,
                                   codes newCodes: some Collection<Int32>, values newValues: some Collection<Float>) {
        precondition(newItems.count == newCodes.count && newItems.count == newValues.count)
        users.append(user)
        items.append(contentsOf: newItems)
        codes.append(contentsOf: newCodes)
        values.append(contentsOf: newValues)
        offsets.append(items.count)
    }

    /// Keeps the ratings at the given positions of each row, in order.
    /// - Parameter keep: called with a row and the positions of its ratings; returns the positions to keep.
    /// Rows left empty are dropped when `dropEmptyRows` is true.
    public func filtered(dropEmptyRows: Bool = true, _ keep: (Int, Range<Int>) -> [Int]) -> RatingsByUser {
        var result = RatingsByUser()
        result.items.reserveCapacity(count)
        for row in 0 ..< rowCount {
            let kept = keep(row, range(ofRow: row))
            if kept.isEmpty && dropEmptyRows { continue }
            result.appendRow(user: users[row], items: kept.map { items[$0] },
                             codes: kept.map { codes[$0] }, values: kept.map { values[$0] })
        }
        return result
    }

    /// The rows at `rows`, in that order.
    public func selectingRows(_ rows: [Int]) -> RatingsByUser {
        var result = RatingsByUser()
        for row in rows {
            let r = range(ofRow: row)
            result.appendRow(user: users[row], items: items[r], codes: codes[r], values: values[r])
        }
        return result
    }

    /// Mean of all rating values (0 when empty), accumulated in `Double`.
    public var meanValue: Float {
        guard !values.isEmpty else { return 0 }
        var sum = 0.0
        for value in values { sum += Double(value) }
        return Float(sum / Double(values.count))
    }
}
