import Foundation
import MFAECore

/// Nearest items by cosine similarity of stored decoder item vectors: introspection without
/// re-training.
public enum ItemNeighbours {
    /// One neighbour.
    public struct Neighbour: Sendable, Equatable {
        public var item: ItemIndex
        public var title: String
        /// Cosine similarity to the query item, in [-1, 1].
        public var similarity: Double
        /// The neighbour's decoder bias.
        public var bias: Float
    }

    /// The item whose title (or id) is `text`: exact match ignoring case first, then a unique substring.
    /// - Throws: ``LabError/itemNotFound(title:suggestions:)`` with up to five close titles.
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

    /// The `count` items most similar to `item` (itself excluded), most similar first; ties by index.
    ///
    /// ```
    /// similarity(i, j) = vᵢ · vⱼ / (|vᵢ| |vⱼ|)      O(itemCount × k)
    /// ```
    public static func nearest(to item: ItemIndex, in parameters: ItemParameters, titles: [String],
                               count: Int) -> [Neighbour] {
        let k = parameters.k, vectors = parameters.vectors
        func norm(_ row: Int) -> Double {
            var sum = 0.0
            for d in 0 ..< k { sum += Double(vectors[row * k + d]) * Double(vectors[row * k + d]) }
            return sum.squareRoot()
        }
        let query = item.position
        let queryNorm = norm(query)
        var scored: [Neighbour] = []
        for row in 0 ..< parameters.biases.count where row != query {
            var dot = 0.0
            for d in 0 ..< k { dot += Double(vectors[query * k + d]) * Double(vectors[row * k + d]) }
            let denominator = queryNorm * norm(row)
            let similarity = denominator > 0 ? dot / denominator : 0
            scored.append(Neighbour(item: ItemIndex(row), title: row < titles.count ? titles[row] : "item \(row)",
                                    similarity: similarity, bias: parameters.biases[row]))
        }
        scored.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
        return Array(scored.prefix(count))
    }
}
