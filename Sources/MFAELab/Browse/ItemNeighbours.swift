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

    /// The item whose title (or id) is `text`: an exact title ignoring case, an exact id, or else the
    /// only title containing `text`.
    /// - Throws: ``LabError/itemNotFound(title:suggestions:)`` with up to five matching titles.
    public static func item(titled text: String, in dataset: DatasetRecord) throws -> ItemIndex {
        let needle = text.lowercased()
        if let index = dataset.itemTitles.firstIndex(where: { $0.lowercased() == needle })
            ?? dataset.itemIDs.firstIndex(of: text) {
            return ItemIndex(index)
        }
        let matches = dataset.itemTitles.indices.filter { dataset.itemTitles[$0].lowercased().contains(needle) }
        if matches.count == 1, let only = matches.first { return ItemIndex(only) }
        throw LabError.itemNotFound(title: text, suggestions: matches.prefix(5).map { dataset.itemTitles[$0] })
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
