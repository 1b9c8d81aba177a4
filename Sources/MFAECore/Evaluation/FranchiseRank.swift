/// A film series whose members should be near each other in a meaningful item space: the
/// notebook's "Star Trek movie vectors similar to other Star Trek movies", as data.
public struct Franchise: Sendable, Equatable {
    /// Display name.
    public var name: String
    /// Member titles as ML-100k spells them, without the year: `Empire Strikes Back, The`.
    public var titles: [String]

    /// A franchise from its parts.
    public init(name: String, titles: [String]) { self.name = name; self.titles = titles }

    /// Franchises with at least two films in ML-100k.
    public static let movieLens: [Franchise] = [
        Franchise(name: "Star Trek", titles: [
            "Star Trek: The Motion Picture", "Star Trek: The Wrath of Khan", "Star Trek III: The Search for Spock",
            "Star Trek IV: The Voyage Home", "Star Trek V: The Final Frontier", "Star Trek VI: The Undiscovered Country",
            "Star Trek: Generations", "Star Trek: First Contact"]),
        Franchise(name: "Star Wars", titles: ["Star Wars", "Empire Strikes Back, The", "Return of the Jedi"]),
        Franchise(name: "Alien", titles: ["Alien", "Aliens", "Alien 3", "Alien: Resurrection"]),
        Franchise(name: "Batman", titles: ["Batman", "Batman Returns", "Batman Forever", "Batman & Robin"]),
        Franchise(name: "Die Hard", titles: ["Die Hard", "Die Hard 2", "Die Hard: With a Vengeance"]),
        Franchise(name: "Indiana Jones", titles: ["Raiders of the Lost Ark", "Indiana Jones and the Last Crusade"]),
        Franchise(name: "Godfather", titles: ["Godfather, The", "Godfather: Part II, The", "Godfather: Part III, The"]),
        Franchise(name: "Terminator", titles: ["Terminator, The", "Terminator 2: Judgment Day"]),
        Franchise(name: "Jurassic Park", titles: ["Jurassic Park", "Lost World: Jurassic Park, The"]),
        Franchise(name: "Free Willy", titles: ["Free Willy", "Free Willy 2: The Adventure Home", "Free Willy 3: The Rescue"]),
        Franchise(name: "Home Alone", titles: ["Home Alone", "Home Alone 3"]),
        Franchise(name: "Jaws", titles: ["Jaws", "Jaws 2", "Jaws 3-D"]),
        Franchise(name: "Three Colors", titles: ["Three Colors: Red", "Three Colors: Blue", "Three Colors: White"]),
        Franchise(name: "Ace Ventura", titles: ["Ace Ventura: Pet Detective", "Ace Ventura: When Nature Calls"]),
        Franchise(name: "The Crow", titles: ["Crow, The", "Crow: City of Angels, The"]),
    ]

    /// A title without a trailing ` (1977)` year, as `u.item` has it and RecBole's file has not.
    public static func normalizedTitle(_ title: String) -> String {
        var text = Substring(title)
        while text.last == " " { text = text.dropLast() }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
           text[text.index(after: open) ..< text.index(before: text.endIndex)].allSatisfy(\.isNumber) {
            text = text[..<open]
            while text.last == " " { text = text.dropLast() }
        }
        return text.lowercased()
    }

    /// The items of `titles` (by index) that are members, in the order of ``titles``; each title
    /// matches its first item.
    public func members(in titles: [String]) -> [Int] {
        var byTitle: [String: Int] = [:]
        for (item, title) in titles.enumerated() where byTitle[Self.normalizedTitle(title)] == nil {
            byTitle[Self.normalizedTitle(title)] = item
        }
        return self.titles.compactMap { byTitle[$0.lowercased()] }
    }
}

/// The franchise check: for each member of a franchise, where the other members rank among its
/// neighbours (1 = nearest), over a pool of candidate items; averaged over all ordered pairs of
/// members of every franchise with at least two members in the pool.
public enum FranchiseRank {
    /// The mean rank under `similarity`; nil without a franchise pair. Candidates are `pool` minus
    /// the member itself; ties by lower index. Complexity O(members × the similarity's cost + pool).
    public static func meanRank(_ similarity: ItemSimilarity, franchises: [[Int]], pool: [Int]) -> Double? {
        let itemCount = NeighbourCoherence.scoreCount(similarity)
        var scores = [Double](repeating: 0, count: itemCount)
        var sum = 0.0, pairs = 0
        for members in franchises {
            for member in members {
                similarity.scores(of: member, into: &scores)
                for other in members where other != member {
                    var rank = 1
                    for candidate in pool where candidate != member && candidate != other
                        && TopSelection.precedes(scores[candidate], candidate, scores[other], other) {
                        rank += 1
                    }
                    sum += Double(rank)
                    pairs += 1
                }
            }
        }
        return pairs > 0 ? sum / Double(pairs) : nil
    }

    /// The members of `franchises` found in `titles` and in `pool`, franchises with fewer than two left out.
    public static func members(of franchises: [Franchise], titles: [String], pool: [Int]) -> [[Int]] {
        let inPool = Set(pool)
        return franchises.map { $0.members(in: titles).filter(inPool.contains) }.filter { $0.count >= 2 }
    }

    /// The expected rank of a uniformly random ordering: `(candidates + 1) / 2` where a member has
    /// `pool − 1` candidates.
    public static func randomRank(pool: Int) -> Double { Double(pool) / 2 }
}
