/// Whether an item space puts related items together, as a number: for every eligible item, its
/// `count` nearest eligible items are found and compared with it by genre.
///
/// - **Share**: the fraction of the neighbours that share at least one genre with the item.
/// - **Jaccard**: the mean Jaccard similarity `|G_a ∩ G_b| / |G_a ∪ G_b|` of the genre sets.
///
/// Both are averaged over items. Eligible items have at least `minimumRatings` training ratings and
/// at least one genre; neighbours are chosen among eligible items only, nearest first, ties by
/// lower index (``TopSelection``). The random reference is the exact expectation of a uniformly
/// random neighbour among the other eligible items, so it needs no random draw.
public enum NeighbourCoherence {
    /// Neighbours per item.
    public static let defaultCount = 10
    /// Training ratings an item needs to be evaluated and to be a neighbour.
    public static let defaultMinimumRatings = 20

    /// The eligible items: at least `minimumRatings` ratings in `ratingCounts` and a genre in `genres`.
    public static func eligibleItems(ratingCounts: [Int], genres: [UInt64], minimumRatings: Int) -> [Int] {
        ratingCounts.indices.filter { $0 < genres.count && ratingCounts[$0] >= minimumRatings && genres[$0] != 0 }
    }

    /// The coherence of `similarity` over `items` (eligible items), with `count` neighbours each.
    /// Complexity O(items × the similarity's cost per probe).
    public static func measure(_ similarity: ItemSimilarity, items: [Int], genres: [UInt64],
                               count: Int = defaultCount) -> CoherenceFigure {
        let itemCount = scoreCount(similarity)
        guard items.count > 1, let largest = items.max(), largest < itemCount else {
            return CoherenceFigure(share: .nan, jaccard: .nan)
        }
        var scores = [Double](repeating: 0, count: itemCount)
        var shareSum = 0.0, jaccardSum = 0.0
        var selection = TopSelection(capacity: count)
        for probe in items {
            similarity.scores(of: probe, into: &scores)
            selection.removeAll()
            for item in items where item != probe { selection.offer(index: item, score: scores[item]) }
            let neighbours = selection.indices
            guard !neighbours.isEmpty else { continue }
            var shared = 0, jaccard = 0.0
            for neighbour in neighbours {
                if ItemGenres.overlap(genres[probe], genres[neighbour]) { shared += 1 }
                jaccard += ItemGenres.jaccard(genres[probe], genres[neighbour])
            }
            shareSum += Double(shared) / Double(neighbours.count)
            jaccardSum += jaccard / Double(neighbours.count)
        }
        let n = Double(items.count)
        return CoherenceFigure(share: shareSum / n, jaccard: jaccardSum / n)
    }

    /// The expected coherence of uniformly random neighbours among `items`. O(items²).
    public static func random(items: [Int], genres: [UInt64]) -> CoherenceFigure {
        guard items.count > 1 else { return CoherenceFigure(share: .nan, jaccard: .nan) }
        var shareSum = 0.0, jaccardSum = 0.0
        let others = Double(items.count - 1)
        for probe in items {
            var shared = 0, jaccard = 0.0
            for item in items where item != probe {
                if ItemGenres.overlap(genres[probe], genres[item]) { shared += 1 }
                jaccard += ItemGenres.jaccard(genres[probe], genres[item])
            }
            shareSum += Double(shared) / others
            jaccardSum += jaccard / others
        }
        let n = Double(items.count)
        return CoherenceFigure(share: shareSum / n, jaccard: jaccardSum / n)
    }

    /// How many scores `similarity` writes (its item count).
    static func scoreCount(_ similarity: ItemSimilarity) -> Int {
        switch similarity {
        case let .euclidean(parameters), let .cosine(parameters): return parameters.biases.count
        case let .coRating(index): return index.itemCount
        }
    }
}

/// One coherence figure: the share of neighbours with a common genre and the mean genre Jaccard.
public struct CoherenceFigure: Codable, Sendable, Equatable {
    /// Fraction of neighbours sharing at least one genre with their item, averaged over items.
    public var share: Double
    /// Mean Jaccard similarity of genre sets, averaged over items.
    public var jaccard: Double

    /// A figure from its parts.
    public init(share: Double, jaccard: Double) { self.share = share; self.jaccard = jaccard }
}
