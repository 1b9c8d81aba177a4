import Crypto
import Foundation

/// An in-memory ratings data set: struct of arrays with dense user and item indices, the original
/// ids and item titles kept for display, grouped by user so that a block of whole users is contiguous.
public struct RatingSet: Sendable {
    /// A short name for display, such as `ml-100k` or `synthetic`.
    public var name: String
    /// Original user id of each ``UserIndex``.
    public var userIDs: [String]
    /// Original item id of each ``ItemIndex``.
    public var itemIDs: [String]
    /// Title of each item, or its id when the data has no titles.
    public var itemTitles: [String]
    /// The distinct rating values, ascending; a rating's level is its position here.
    public var levels: [Float]
    /// Every rating, one row per user in ``UserIndex`` order.
    public var ratings: RatingsByUser
    /// For synthetic data: the MSE of the noise-free truth against the observed ratings.
    public var noiseFloorMSE: Double?
    /// The items' genres, when the items file lists them (synthetic data: its planted clusters).
    /// Not part of the ``fingerprint``.
    public var itemGenres: ItemGenres?
    /// For a pre-split folder: the part of each rating, aligned with ``ratings``' storage. The `warm`
    /// and `reconstruction` protocols then use this split instead of drawing one.
    public var presplit: [SplitPart]?

    /// Number of users.
    public var userCount: Int { userIDs.count }
    /// Number of items.
    public var itemCount: Int { itemIDs.count }
    /// Number of distinct rating levels.
    public var levelCount: Int { levels.count }
    /// Number of encoder codes, `itemCount × levelCount`.
    public var codeCount: Int { itemCount * levelCount }
    /// Number of ratings.
    public var count: Int { ratings.count }
    /// Smallest and largest rating level: the range predictions are clipped to.
    public var ratingRange: ClosedRange<Float> { (levels.first ?? 0) ... (levels.last ?? 0) }
    /// Fraction of the user × item matrix that is empty.
    public var sparsity: Double {
        let cells = Double(userCount) * Double(itemCount)
        return cells > 0 ? 1 - Double(count) / cells : 1
    }

    /// Assembles a set; `ratings` must hold one row per user in index order.
    public init(name: String, userIDs: [String], itemIDs: [String], itemTitles: [String], levels: [Float],
                ratings: RatingsByUser, noiseFloorMSE: Double? = nil, itemGenres: ItemGenres? = nil,
                presplit: [SplitPart]? = nil) {
        precondition(itemTitles.count == itemIDs.count, "one title per item")
        precondition(ratings.rowCount == userIDs.count, "one row per user")
        precondition(presplit.map { $0.count == ratings.count } ?? true, "one part per rating")
        self.name = name; self.userIDs = userIDs; self.itemIDs = itemIDs; self.itemTitles = itemTitles
        self.levels = levels; self.ratings = ratings; self.noiseFloorMSE = noiseFloorMSE
        precondition(itemGenres.map { $0.itemCount == itemIDs.count } ?? true, "one genre set per item")
        self.itemGenres = itemGenres
        self.presplit = presplit
    }

    /// The level index of `value`, if it is one of ``levels``.
    public func level(of value: Float) -> Int? {
        levels.firstIndex(of: value)
    }

    /// A SHA-256 fingerprint (hex) of the ratings' content: ids, items and values in stored order.
    /// Two sets with the same fingerprint give the same splits and the same runs. A pre-split set's
    /// parts are part of its content.
    public var fingerprint: String {
        var hasher = SHA256()
        func feed(_ string: String) { hasher.update(data: Data(string.utf8)); hasher.update(data: Data([0])) }
        for id in userIDs { feed(id) }
        for id in itemIDs { feed(id) }
        levels.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        ratings.offsets.map { Int64($0) }.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        ratings.items.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        ratings.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        if let presplit { hasher.update(data: Data(presplit.map(\.rawValue))) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
