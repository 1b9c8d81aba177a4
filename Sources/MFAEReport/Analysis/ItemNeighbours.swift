import MFAECore

/// The items nearest to a probe item in the decoder's item vectors of a trained run.
public struct ItemNeighbours: Sendable {
    /// One neighbouring item.
    public struct Neighbour: Sendable, Equatable {
        /// The item's dense index.
        public var item: Int
        /// Its title.
        public var title: String
        /// Euclidean distance (smaller is nearer) or cosine similarity (larger is nearer).
        public var score: Double
    }

    /// The model.
    public var model: ModelKind
    /// The protocol of the run.
    public var evaluationProtocol: EvaluationProtocol
    /// The run whose item vectors are used.
    public var run: ReportRun
    /// Nearest by Euclidean distance, nearest first.
    public var euclidean: [Neighbour]
    /// Nearest by cosine similarity, most similar first.
    public var cosine: [Neighbour]

    /// How many neighbours are listed.
    public static let count = 10

    /// The nearest items to `probe` in `parameters`, the probe itself excluded; ties go to the
    /// lower index. `O(items · k)`.
    public static func nearest(to probe: Int, in parameters: ItemParameters, titles: [String],
                               count: Int = count) -> (euclidean: [Neighbour], cosine: [Neighbour]) {
        let k = parameters.k
        let itemCount = min(parameters.biases.count, titles.count)
        precondition(probe >= 0 && probe < itemCount, "the probe is an item")
        let vectors = parameters.vectors
        func row(_ item: Int) -> ArraySlice<Float> { vectors[(item * k)..<((item + 1) * k)] }
        let probeRow = row(probe)
        let probeNorm = norm(probeRow)
        var distances: [(Int, Double)] = []
        var similarities: [(Int, Double)] = []
        for item in 0..<itemCount where item != probe {
            let other = row(item)
            var squared = 0.0
            var dot = 0.0
            for (a, b) in zip(probeRow, other) {
                let difference = Double(a) - Double(b)
                squared += difference * difference
                dot += Double(a) * Double(b)
            }
            distances.append((item, squared.squareRoot()))
            let denominator = probeNorm * norm(other)
            if denominator > 0 { similarities.append((item, dot / denominator)) }
        }
        let nearest = distances.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count)
        let mostSimilar = similarities.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count)
        return (nearest.map { Neighbour(item: $0.0, title: titles[$0.0], score: $0.1) },
                mostSimilar.map { Neighbour(item: $0.0, title: titles[$0.0], score: $0.1) })
    }

    private static func norm(_ vector: ArraySlice<Float>) -> Double {
        var sum = 0.0
        for value in vector { sum += Double(value) * Double(value) }
        return sum.squareRoot()
    }
}
