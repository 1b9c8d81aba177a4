/// Minibatches of whole users: a user's ratings never straddle two batches, as the notebook intends.
public enum UserBatches {
    /// Cuts `order` (rows of `data`) into consecutive batches of about `batchSize` ratings: users are
    /// added until the batch holds at least `batchSize` ratings. A user with more ratings than
    /// `batchSize` forms a batch alone. Returns batch boundaries into `order` (first 0, last `order.count`).
    public static func boundaries(order: [Int], of data: RatingsByUser, batchSize: Int) -> [Int] {
        var bounds = [0]
        var ratings = 0
        for (position, row) in order.enumerated() {
            ratings += data.range(ofRow: row).count
            if ratings >= batchSize {
                bounds.append(position + 1)
                ratings = 0
            }
        }
        if bounds.last != order.count { bounds.append(order.count) }
        return bounds
    }
}
