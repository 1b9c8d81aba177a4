import CKernels

extension RatingsByUser {
    /// Asks the CPU to start loading row `row`'s codes, items and values into its caches, for a loop
    /// that will visit that row next. Training visits users in a shuffled order, so each row's arrays
    /// start at a place the hardware prefetcher cannot anticipate, and their first lines would be
    /// waited for; a hint one user ahead hides those misses. No effect on results. O(row length / 16).
    public func prefetch(row: Int) { prefetch(positions: range(ofRow: row)) }

    /// The same hint for the ratings at `positions` only (a team member's share of a user's ratings).
    public func prefetch(positions range: Range<Int>) {
        guard !range.isEmpty else { return }
        codes.withUnsafeBufferPointer { mfae_prefetch_bytes($0.baseAddress! + range.lowerBound, range.count * 4) }
        items.withUnsafeBufferPointer { mfae_prefetch_bytes($0.baseAddress! + range.lowerBound, range.count * 4) }
        values.withUnsafeBufferPointer { mfae_prefetch_bytes($0.baseAddress! + range.lowerBound, range.count * 4) }
    }
}
