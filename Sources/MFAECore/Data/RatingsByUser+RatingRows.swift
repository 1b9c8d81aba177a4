extension RatingsByUser {
    /// The same ratings with each rating a row of its own (its user's index in ``users``), in stored
    /// order: for minibatches of single ratings (``Batching/ratings``), which cut the rows by rating
    /// rather than by user. A per-user encoder reads the same user row for every rating of that user,
    /// so a batch of these rows has the loss and gradient of the same ratings grouped by user.
    /// Complexity O(count).
    public var ratingRows: RatingsByUser {
        var rowUsers = [Int32]()
        rowUsers.reserveCapacity(count)
        for row in 0 ..< rowCount {
            rowUsers.append(contentsOf: repeatElement(users[row], count: range(ofRow: row).count))
        }
        return RatingsByUser(users: rowUsers, offsets: Array(0 ... count), items: items, codes: codes, values: values)
    }
}
