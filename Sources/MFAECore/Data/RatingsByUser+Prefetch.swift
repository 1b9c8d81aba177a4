import CKernels

extension RatingsByUser {
    /// Asks the CPU to start loading the codes at `positions` into its caches: what a pooled-code
    /// encoder reads of a user. No effect on results. O(positions / 16).
    public func prefetchCodes(positions: Range<Int>) { Self.prefetch(codes, positions) }

    /// Asks the CPU to start loading the items and values at `positions` into its caches: what the
    /// decoder reads of a user. No effect on results. O(positions / 16).
    public func prefetchTargets(positions: Range<Int>) {
        Self.prefetch(items, positions)
        Self.prefetch(values, positions)
    }

    private static func prefetch<Element>(_ array: [Element], _ positions: Range<Int>) {
        guard !positions.isEmpty else { return }
        array.withUnsafeBufferPointer { elements in
            guard let base = elements.baseAddress else { return }
            mfae_prefetch_bytes(base + positions.lowerBound, positions.count * MemoryLayout<Element>.stride)
        }
    }
}
