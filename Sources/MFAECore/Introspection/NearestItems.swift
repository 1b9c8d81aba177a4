/// Nearest items by their decoder vectors, as the notebook's "Star Trek" introspection.
public enum NearestItems {
    /// How closeness is measured.
    public enum Metric: String, NamedOption {
        /// Euclidean distance `|t_a − t_b|` (the notebook's).
        case euclidean
        /// Cosine similarity `t_a·t_b / (|t_a||t_b|)`.
        case cosine
    }

    /// One neighbour: its item and its distance (euclidean) or similarity (cosine).
    public struct Neighbour: Sendable, Equatable {
        public var item: ItemIndex
        public var score: Double
    }

    /// The `count` items nearest to `probe`, the probe itself excluded, nearest first; ties by index.
    /// Complexity O(items × k + items log items).
    public static func neighbours(of probe: ItemIndex, in parameters: ItemParameters, metric: Metric,
                                  count: Int) -> [Neighbour] {
        let k = parameters.k
        let itemCount = parameters.biases.count
        guard probe.position < itemCount else { return [] }
        let vectors = parameters.vectors
        func norm(_ item: Int) -> Double {
            var sum = 0.0
            for j in 0 ..< k { sum += Double(vectors[item * k + j]) * Double(vectors[item * k + j]) }
            return sum.squareRoot()
        }
        let p = probe.position
        let probeNorm = norm(p)
        var scored: [Neighbour] = []
        scored.reserveCapacity(itemCount)
        for item in 0 ..< itemCount where item != p {
            var dot = 0.0, squared = 0.0
            for j in 0 ..< k {
                let a = Double(vectors[p * k + j]), b = Double(vectors[item * k + j])
                dot += a * b
                squared += (a - b) * (a - b)
            }
            let score: Double
            switch metric {
            case .euclidean: score = squared.squareRoot()
            case .cosine:
                let denominator = probeNorm * norm(item)
                score = denominator > 0 ? dot / denominator : 0
            }
            scored.append(Neighbour(item: ItemIndex(item), score: score))
        }
        scored.sort { a, b in
            if a.score != b.score { return metric == .euclidean ? a.score < b.score : a.score > b.score }
            return a.item < b.item
        }
        return Array(scored.prefix(count))
    }
}

extension RatingSet {
    /// Items whose title contains `text`, ignoring case; exact (case-insensitive) matches first, then
    /// the most rated, so that "Star Trek: Generations" finds the film and not a longer title.
    public func items(matching text: String) -> [ItemIndex] {
        let needle = text.lowercased()
        var counts = [Int](repeating: 0, count: itemCount)
        for item in ratings.items { counts[Int(item)] += 1 }
        let matches = (0 ..< itemCount).filter { itemTitles[$0].lowercased().contains(needle) }
        return matches.sorted { a, b in
            let exactA = itemTitles[a].lowercased() == needle, exactB = itemTitles[b].lowercased() == needle
            if exactA != exactB { return exactA }
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return a < b
        }.map { ItemIndex($0) }
    }
}
