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
