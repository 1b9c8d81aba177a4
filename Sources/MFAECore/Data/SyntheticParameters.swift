/// Parameters of the built-in synthetic data set; ``generate()`` makes the set.
///
/// JSON keys are snake_case (`popularity_exponent`); when decoding, missing keys keep their
/// defaults and unknown keys are an error that names the key. The defaults give 2,000 users,
/// 1,000 items and 100,000 ratings with Zipf-like item popularity and user activity.
public struct SyntheticParameters: Codable, Sendable, Hashable {
    /// Number of users; each gets at least ``minRatingsPerUser`` ratings.
    public var users: Int = 2_000
    /// Number of items drawn from. Items nobody rated are left out of the set, so
    /// ``RatingSet/itemCount`` can be smaller (rarely, except with few ratings per item).
    public var items: Int = 1_000
    /// Exact number of ratings generated.
    public var ratings: Int = 100_000
    /// Rank of the planted model.
    public var rank: Int = 5
    /// Standard deviation of the Gaussian noise added before rounding.
    public var noise: Double = 0.5
    /// Fixes every random choice; the same parameters give the same set, bit for bit.
    public var seed: UInt64 = 0
    /// Exponent `α` of the item popularity weights `w = rank^−α` (Zipf-like); 0 makes every item
    /// equally likely to be rated.
    public var popularityExponent: Double = 1.0
    /// Exponent `β` of the user activity weights `w = rank^−β` that share out the ratings above the
    /// minimum; 0 gives every user about the same number. 0.5 resembles ML-25M's spread.
    public var activityExponent: Double = 0.5
    /// Fewest ratings any user gets; at least 4, so that half-held-out splits leave two on each side.
    public var minRatingsPerUser: Int = 10

    /// Default parameters.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case users, items, ratings, rank, noise, seed
        case popularityExponent = "popularity_exponent"
        case activityExponent = "activity_exponent"
        case minRatingsPerUser = "min_ratings_per_user"
    }

    /// The JSON keys the parameters accept.
    public static let keys: [String] = CodingKeys.allCases.map(\.stringValue)

    /// Decodes any subset of ``keys``; missing keys keep their defaults, unknown keys throw a
    /// `DecodingError` whose path ends at the key.
    public init(from decoder: Decoder) throws {
        try DataJSONKey.rejectUnknownKeys(in: decoder.container(keyedBy: DataJSONKey.self), allowed: Self.keys)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SyntheticParameters()
        users = try c.decodeIfPresent(Int.self, forKey: .users) ?? d.users
        items = try c.decodeIfPresent(Int.self, forKey: .items) ?? d.items
        ratings = try c.decodeIfPresent(Int.self, forKey: .ratings) ?? d.ratings
        rank = try c.decodeIfPresent(Int.self, forKey: .rank) ?? d.rank
        noise = try c.decodeIfPresent(Double.self, forKey: .noise) ?? d.noise
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        popularityExponent = try c.decodeIfPresent(Double.self, forKey: .popularityExponent) ?? d.popularityExponent
        activityExponent = try c.decodeIfPresent(Double.self, forKey: .activityExponent) ?? d.activityExponent
        minRatingsPerUser = try c.decodeIfPresent(Int.self, forKey: .minRatingsPerUser) ?? d.minRatingsPerUser
    }

    /// Checks every value, returning one entry per problem (JSON key, what is allowed); empty when valid.
    public func problems() -> [(key: String, expected: String)] {
        var found: [(String, String)] = []
        // Dense indices are Int32 and codes are item × 5 levels + level, so both must fit in Int32.
        let maxItems = Int(Int32.max) / SyntheticGenerator.ratingLevels.count
        if users < 1 || users > Int(Int32.max) { found.append(("users", "an integer in 1…\(Int32.max)")) }
        if items < 1 || items > maxItems { found.append(("items", "an integer in 1…\(maxItems)")) }
        if minRatingsPerUser < 4 { found.append(("min_ratings_per_user", "an integer ≥ 4")) }
        if minRatingsPerUser > items {
            found.append(("min_ratings_per_user", "at most items (\(items)): a user rates an item once"))
        }
        let (fewest, fewestOverflow) = users.multipliedReportingOverflow(by: max(minRatingsPerUser, 0))
        let (most, mostOverflow) = users.multipliedReportingOverflow(by: max(items, 0))
        if !fewestOverflow && ratings < fewest {
            found.append(("ratings", "at least users × min_ratings_per_user = \(fewest)"))
        }
        if !mostOverflow && ratings > most {
            found.append(("ratings", "at most users × items = \(most): a user rates an item once"))
        }
        if ratings < 1 || ratings > Int(Int32.max) { found.append(("ratings", "an integer in 1…\(Int32.max)")) }
        if rank < 0 || rank > 1_000 { found.append(("rank", "an integer in 0…1000")) }
        if !(noise >= 0) || !noise.isFinite { found.append(("noise", "a number ≥ 0")) }
        if !(popularityExponent >= 0 && popularityExponent <= 4) {
            found.append(("popularity_exponent", "a number in [0, 4]"))
        }
        if !(activityExponent >= 0 && activityExponent <= 4) {
            found.append(("activity_exponent", "a number in [0, 4]"))
        }
        return found
    }

    /// Throws the first problem of ``problems()`` as a ``DatasetError/invalidDataset(_:)`` that
    /// names the key: `synthetic.ratings: expected at least users × min_ratings_per_user = 40000`.
    public func validate() throws {
        if let problem = problems().first {
            throw DatasetError.invalidDataset("synthetic.\(problem.key): expected \(problem.expected)")
        }
    }

    /// Generates the set (named `synthetic`) after checking the parameters with ``validate()``.
    ///
    /// The planted model, the sampling and ``RatingSet/noiseFloorMSE`` are described on
    /// `SyntheticGenerator`. Memory is about 13 bytes per rating; 25M ratings take a few seconds.
    public func generate() throws -> RatingSet {
        try validate()
        return SyntheticGenerator(parameters: self).generate()
    }
}
