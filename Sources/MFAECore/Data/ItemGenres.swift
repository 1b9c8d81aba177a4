/// The genres of a data set's items: a list of genre names and, per item, the set of genres it has
/// as a bit set (bit `g` is ``names``[g]). At most 64 genres (MovieLens has 19 or 20).
///
/// "No genre" markers (`unknown` in ML-100k, `(no genres listed)` in later sets) are not genres:
/// an item with only them has an empty set.
public struct ItemGenres: Sendable, Equatable {
    /// The most genres a set can hold.
    public static let maximumCount = 64
    /// Genre tokens that mean "no genre".
    static let noGenreMarkers: Set<String> = ["unknown", "(no genres listed)"]
    /// ML-100k's 19 genre flags of `u.item`, in column order (fields 6–24).
    public static let movieLens100kFlags = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// Genre names, in order of first appearance.
    public var names: [String]
    /// Each item's genres as a bit set over ``names``, by ``ItemIndex``.
    public var sets: [UInt64]

    /// Genres from prepared parts.
    public init(names: [String], sets: [UInt64]) {
        precondition(names.count <= Self.maximumCount, "at most 64 genres")
        self.names = names; self.sets = sets
    }

    /// Genres of items `itemIDs` from genre names by item id; items missing from `byID` get none.
    /// Returns nil when no item has a genre. Genres beyond the 64th are ignored.
    public init?(itemIDs: [String], byID: [String: [String]]) {
        var names: [String] = []
        var bit: [String: Int] = [:]
        var sets = [UInt64](repeating: 0, count: itemIDs.count)
        for (item, id) in itemIDs.enumerated() {
            for genre in byID[id] ?? [] where !Self.noGenreMarkers.contains(genre.lowercased()) && !genre.isEmpty {
                let position: Int
                if let known = bit[genre] {
                    position = known
                } else {
                    guard names.count < Self.maximumCount else { continue }
                    position = names.count
                    bit[genre] = position
                    names.append(genre)
                }
                sets[item] |= 1 << UInt64(position)
            }
        }
        guard sets.contains(where: { $0 != 0 }) else { return nil }
        self.init(names: names, sets: sets)
    }

    /// Number of items.
    public var itemCount: Int { sets.count }

    /// The genre names of `item`.
    public func genres(of item: ItemIndex) -> [String] {
        let set = sets[item.position]
        return names.indices.filter { set & (1 << UInt64($0)) != 0 }.map { names[$0] }
    }

    /// Whether two genre sets share at least one genre.
    @inline(__always)
    public static func overlap(_ a: UInt64, _ b: UInt64) -> Bool { a & b != 0 }

    /// The Jaccard similarity `|a ∩ b| / |a ∪ b|` of two genre sets (0 when both are empty).
    @inline(__always)
    public static func jaccard(_ a: UInt64, _ b: UInt64) -> Double {
        let union = (a | b).nonzeroBitCount
        return union == 0 ? 0 : Double((a & b).nonzeroBitCount) / Double(union)
    }
}
