/// A notion of item closeness that scores every item against a probe item, higher meaning nearer:
/// the decoder's item vectors by Euclidean distance or cosine, or co-rating (the cosine of two
/// items' rating columns in the training data, the model-free reference).
public enum ItemSimilarity: Sendable {
    /// `−|t_a − t_b|²` over decoder item vectors (the order of Euclidean distance).
    case euclidean(ItemParameters)
    /// `t_a·t_b / (|t_a||t_b|)` over decoder item vectors (0 when a norm is 0).
    case cosine(ItemParameters)
    /// `Σ_u r_ua r_ub / (|r_·a||r_·b|)` over the training ratings (0 for an unrated item).
    case coRating(CoRatingIndex)

    /// Writes into `scores[j]` the closeness of every item `j` to `probe` (the probe's own entry is
    /// written too and must be skipped by the caller). Complexity O(items × k) for vectors;
    /// O(Σ over the probe's raters of their rating counts) for co-rating.
    public func scores(of probe: Int, into scores: inout [Double]) {
        switch self {
        case let .euclidean(parameters):
            let k = parameters.k
            parameters.vectors.withUnsafeBufferPointer { v in
                for item in scores.indices {
                    var squared = 0.0
                    for j in 0 ..< k {
                        let difference = Double(v[probe * k + j]) - Double(v[item * k + j])
                        squared += difference * difference
                    }
                    scores[item] = -squared
                }
            }
        case let .cosine(parameters):
            let k = parameters.k
            parameters.vectors.withUnsafeBufferPointer { v in
                func norm(_ item: Int) -> Double {
                    var sum = 0.0
                    for j in 0 ..< k { sum += Double(v[item * k + j]) * Double(v[item * k + j]) }
                    return sum.squareRoot()
                }
                let probeNorm = norm(probe)
                for item in scores.indices {
                    var dot = 0.0
                    for j in 0 ..< k { dot += Double(v[probe * k + j]) * Double(v[item * k + j]) }
                    let denominator = probeNorm * norm(item)
                    scores[item] = denominator > 0 ? dot / denominator : 0
                }
            }
        case let .coRating(index):
            index.cosines(of: probe, into: &scores)
        }
    }
}

/// The training ratings by item as well as by user, for item–item cosines of rating columns.
public struct CoRatingIndex: Sendable {
    /// The ratings by user.
    public let train: RatingsByUser
    /// Number of items.
    public let itemCount: Int
    /// Item-major offsets into ``raterRows`` and ``raterValues``.
    private let offsets: [Int]
    /// For each item, the rows (users) that rated it.
    private let raterRows: [Int32]
    /// And their ratings.
    private let raterValues: [Float]
    /// `|r_·i|`, the Euclidean norm of each item's rating column.
    private let norms: [Double]

    /// Indexes `train` over `itemCount` items. O(ratings).
    public init(train: RatingsByUser, itemCount: Int) {
        self.train = train
        self.itemCount = itemCount
        var counts = [Int](repeating: 0, count: itemCount + 1)
        for item in train.items { counts[Int(item) + 1] += 1 }
        for item in 0 ..< itemCount { counts[item + 1] += counts[item] }
        offsets = counts
        var next = counts
        var rows = [Int32](repeating: 0, count: train.count)
        var values = [Float](repeating: 0, count: train.count)
        var squares = [Double](repeating: 0, count: itemCount)
        for row in 0 ..< train.rowCount {
            for position in train.range(ofRow: row) {
                let item = Int(train.items[position])
                rows[next[item]] = Int32(row)
                values[next[item]] = train.values[position]
                next[item] += 1
                squares[item] += Double(train.values[position]) * Double(train.values[position])
            }
        }
        raterRows = rows
        raterValues = values
        norms = squares.map { $0.squareRoot() }
    }

    /// Training ratings of each item.
    public var ratingCounts: [Int] { (0 ..< itemCount).map { offsets[$0 + 1] - offsets[$0] } }

    /// Σ over users of (their rating count)²: the cost of scoring every item as a probe, for callers
    /// that want to skip co-rating on very dense data.
    public var pairCount: Int {
        var total = 0
        for row in 0 ..< train.rowCount { total += train.range(ofRow: row).count * train.range(ofRow: row).count }
        return total
    }

    /// The cosine of `probe`'s rating column with every item's, into `scores`.
    func cosines(of probe: Int, into scores: inout [Double]) {
        for index in scores.indices { scores[index] = 0 }
        for rater in offsets[probe] ..< offsets[probe + 1] {
            let row = Int(raterRows[rater])
            let value = Double(raterValues[rater])
            for position in train.range(ofRow: row) {
                scores[Int(train.items[position])] += value * Double(train.values[position])
            }
        }
        let probeNorm = norms[probe]
        for item in scores.indices {
            let denominator = probeNorm * norms[item]
            scores[item] = denominator > 0 ? scores[item] / denominator : 0
        }
    }
}
