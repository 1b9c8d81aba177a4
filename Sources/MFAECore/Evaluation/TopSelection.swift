/// The `capacity` best of a stream of scored candidates, best first: a partial sort that keeps a
/// small sorted buffer, for top-N lists and nearest neighbours without sorting every candidate.
///
/// Order: higher score first; equal scores by lower index first. The tie rule makes every list
/// deterministic (and equal to a full sort by `(−score, index)`). Complexity O(n · capacity) worst
/// case, O(n) when most candidates are worse than the buffer's last, as in ranking.
public struct TopSelection: Sendable {
    /// The most entries kept.
    public let capacity: Int
    /// The kept indices, best first.
    public private(set) var indices: [Int] = []
    /// Their scores, best first.
    public private(set) var scores: [Double] = []

    /// An empty selection of at most `capacity` entries.
    public init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
        indices.reserveCapacity(capacity + 1)
        scores.reserveCapacity(capacity + 1)
    }

    /// Whether `(score, index)` ranks before `(otherScore, otherIndex)`.
    @inline(__always)
    public static func precedes(_ score: Double, _ index: Int, _ otherScore: Double, _ otherIndex: Int) -> Bool {
        score > otherScore || (score == otherScore && index < otherIndex)
    }

    /// Offers a candidate; kept if it is among the best `capacity` so far. NaN scores are ignored.
    @inline(__always)
    public mutating func offer(index: Int, score: Double) {
        guard capacity > 0, !score.isNaN else { return }
        if indices.count == capacity {
            guard let lastScore = scores.last, let lastIndex = indices.last,
                  Self.precedes(score, index, lastScore, lastIndex) else { return }
            indices.removeLast()
            scores.removeLast()
        }
        var position = indices.count
        while position > 0 && Self.precedes(score, index, scores[position - 1], indices[position - 1]) {
            position -= 1
        }
        indices.insert(index, at: position)
        scores.insert(score, at: position)
    }

    /// Empties the selection, keeping its storage.
    public mutating func removeAll() {
        indices.removeAll(keepingCapacity: true)
        scores.removeAll(keepingCapacity: true)
    }
}
