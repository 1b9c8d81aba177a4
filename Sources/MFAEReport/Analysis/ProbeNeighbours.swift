import MFAECore

/// The items nearest to a probe item in the decoder's item vectors of a trained run.
public struct ProbeNeighbours: Sendable {
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

    /// The nearest items to `probe` in `parameters` by both metrics of the core's ``NearestItems``,
    /// the probe itself excluded, with their titles; items beyond `titles` are ignored.
    public static func nearest(to probe: Int, in parameters: ItemParameters, titles: [String],
                               count: Int = count) -> (euclidean: [Neighbour], cosine: [Neighbour]) {
        func neighbours(_ metric: NearestItems.Metric) -> [Neighbour] {
            NearestItems.neighbours(of: ItemIndex(probe), in: parameters, metric: metric, count: parameters.biases.count)
                .filter { $0.item.position < titles.count }
                .prefix(count)
                .map { Neighbour(item: $0.item.position, title: titles[$0.item.position], score: $0.score) }
        }
        return (neighbours(.euclidean), neighbours(.cosine))
    }
}
