import Foundation
import MFAECore

/// Nearest items from a run's stored decoder item vectors, with their titles from the stored data
/// set record: introspection without re-training or re-loading the data. Scoring is the core's
/// ``NearestItems``.
public enum ItemNeighbours {
    /// One neighbour, titled.
    public struct Neighbour: Sendable, Equatable {
        public var item: ItemIndex
        public var title: String
        /// Distance (euclidean) or similarity (cosine) to the query item.
        public var score: Double
        /// The neighbour's decoder bias.
        public var bias: Float
    }

    /// The item `text` names by ``TitleLookup``'s rules (a title, with or without its year, an item
    /// id, or a part of one title).
    /// - Throws: ``LabError/itemNotFound(title:)``, or ``LabError/ambiguousTitle(_:candidates:)``
    ///   listing the candidates best first.
    public static func item(titled text: String, titles: [String], ids: [String] = []) throws -> ItemIndex {
        switch TitleLookup.find(text, titles: titles, ids: ids) {
        case let .found(item): return item
        case let .ambiguous(items): throw LabError.ambiguousTitle(text, candidates: items.map { titles[$0.position] })
        case .notFound: throw LabError.itemNotFound(title: text)
        }
    }

    /// The item `text` names in a stored data set (see ``item(titled:titles:ids:)``).
    public static func item(titled text: String, in dataset: DatasetRecord) throws -> ItemIndex {
        try item(titled: text, titles: dataset.itemTitles, ids: dataset.itemIDs)
    }

    /// The `count` items nearest to `item` (itself excluded), nearest first.
    public static func nearest(to item: ItemIndex, in parameters: ItemParameters, titles: [String],
                               metric: NearestItems.Metric = .cosine, count: Int) -> [Neighbour] {
        NearestItems.neighbours(of: item, in: parameters, metric: metric, count: count).map { neighbour in
            let row = neighbour.item.position
            return Neighbour(item: neighbour.item, title: row < titles.count ? titles[row] : "item \(row)",
                             score: neighbour.score, bias: parameters.biases[row])
        }
    }
}
