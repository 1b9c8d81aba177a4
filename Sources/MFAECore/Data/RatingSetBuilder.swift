/// Collects ratings keyed by the ids found in a file and builds a ``RatingSet`` with dense indices.
///
/// Users and items are numbered in order of first appearance; each user's ratings keep file order.
/// Memory grows with the number of ratings only (no per-rating objects).
public struct RatingSetBuilder {
    private var userIndexByID: [String: Int32] = [:]
    private var itemIndexByID: [String: Int32] = [:]
    private(set) var userIDs: [String] = []
    private(set) var itemIDs: [String] = []
    private var ratingUsers: [Int32] = []
    private var ratingItems: [Int32] = []
    private var ratingValues: [Float] = []
    private var ratingParts: [SplitPart] = []
    /// When set, every rating added is tagged with this part, and the built set carries the tags as
    /// ``RatingSet/presplit`` (a pre-split folder: `train.csv`, `valid.csv`, `test.csv`).
    public var part: SplitPart?

    /// An empty builder; `expectedCount` reserves room for that many ratings.
    public init(expectedCount: Int = 0) {
        ratingUsers.reserveCapacity(expectedCount)
        ratingItems.reserveCapacity(expectedCount)
        ratingValues.reserveCapacity(expectedCount)
    }

    /// Number of ratings added so far.
    public var count: Int { ratingValues.count }

    /// Adds one rating of `itemID` by `userID`.
    public mutating func add(userID: String, itemID: String, value: Float) {
        add(user: userIndex(for: userID), item: itemIndex(for: itemID), value: value)
    }

    /// Adds one rating by dense indices obtained from ``userIndex(for:)`` and ``itemIndex(for:)``.
    public mutating func add(user: Int32, item: Int32, value: Float) {
        ratingUsers.append(user); ratingItems.append(item); ratingValues.append(value)
        if let part { ratingParts.append(part) }
    }

    /// The dense index of `id`, assigning the next one on first sight.
    public mutating func userIndex(for id: String) -> Int32 {
        if let index = userIndexByID[id] { return index }
        let index = Int32(userIDs.count)
        userIndexByID[id] = index; userIDs.append(id)
        return index
    }

    /// The dense index of `id`, assigning the next one on first sight.
    public mutating func itemIndex(for id: String) -> Int32 {
        if let index = itemIndexByID[id] { return index }
        let index = Int32(itemIDs.count)
        itemIndexByID[id] = index; itemIDs.append(id)
        return index
    }

    /// The distinct rating values added so far, ascending: the levels ``build(name:titles:noiseFloorMSE:)``
    /// will use. One pass over the ratings.
    public func distinctValues() -> [Float] {
        RatingLevels.distinct(ratingValues)
    }

    /// Builds the set. `titles` maps item ids to titles; items without one show their id.
    ///
    /// Codes are `item × levelCount + level`, so `itemCount × levelCount` must fit in `Int32`;
    /// readers check it with ``distinctValues()`` first.
    public func build(name: String, titles: [String: String] = [:], noiseFloorMSE: Double? = nil) -> RatingSet {
        build(name: name, titles: titles, noiseFloorMSE: noiseFloorMSE, levels: distinctValues())
    }

    /// ``build(name:titles:noiseFloorMSE:)`` with the levels already found by ``distinctValues()``.
    func build(name: String, titles: [String: String], noiseFloorMSE: Double?, levels: [Float]) -> RatingSet {
        let levelCount = Int32(levels.count)

        // Counting sort by user keeps each user's ratings in file order.
        let userCount = userIDs.count
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for user in ratingUsers { offsets[Int(user) + 1] += 1 }
        for row in 0 ..< userCount { offsets[row + 1] += offsets[row] }
        var next = offsets
        var items = [Int32](repeating: 0, count: count)
        var codes = [Int32](repeating: 0, count: count)
        var values = [Float](repeating: 0, count: count)
        let isTagged = ratingParts.count == count && count > 0
        var parts = [SplitPart](repeating: .train, count: isTagged ? count : 0)
        for position in 0 ..< count {
            let user = Int(ratingUsers[position])
            let slot = next[user]
            next[user] += 1
            let item = ratingItems[position], value = ratingValues[position]
            items[slot] = item
            values[slot] = value
            if isTagged { parts[slot] = ratingParts[position] }
            codes[slot] = item * levelCount + Int32(RatingLevels.index(of: value, in: levels) ?? 0)
        }
        let grouped = RatingsByUser(users: (0 ..< Int32(userCount)).map { $0 }, offsets: offsets,
                                    items: items, codes: codes, values: values)
        return RatingSet(name: name, userIDs: userIDs, itemIDs: itemIDs,
                         itemTitles: itemIDs.map { titles[$0] ?? $0 }, levels: levels,
                         ratings: grouped, noiseFloorMSE: noiseFloorMSE, presplit: isTagged ? parts : nil)
    }
}
