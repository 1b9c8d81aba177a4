import Foundation
@testable import MFAECore
import Testing

/// The synthetic generator: counts, determinism, sampling without repeats, the noise floor.
@Suite struct SyntheticGeneratorTests {
    static func parameters(users: Int = 300, items: Int = 200, ratings: Int = 9_000, noise: Double = 0.5,
                           seed: UInt64 = 7) -> SyntheticParameters {
        var p = SyntheticParameters()
        p.users = users; p.items = items; p.ratings = ratings; p.noise = noise; p.seed = seed
        return p
    }

    /// Every (user, item) pair of `set`, checked for repeats; returns ratings per item index.
    static func itemCounts(_ set: RatingSet) -> [Int] {
        var counts = [Int](repeating: 0, count: set.itemCount)
        for row in 0 ..< set.ratings.rowCount {
            let items = set.ratings.items[set.ratings.range(ofRow: row)]
            #expect(Set(items).count == items.count, "user row \(row) rates an item twice")
            for item in items { counts[Int(item)] += 1 }
        }
        return counts
    }

    @Test func countsAndShape() throws {
        let p = Self.parameters()
        let set = try p.generate()
        #expect(set.name == "synthetic")
        #expect(set.count == p.ratings)
        #expect(set.userCount == p.users)
        #expect(set.itemCount <= p.items && set.itemCount > p.items / 2)
        #expect(set.levels == [1, 2, 3, 4, 5])
        #expect(set.userIDs.first == "1" && set.userIDs.last == "300")
        for row in 0 ..< set.ratings.rowCount {
            #expect(set.ratings.range(ofRow: row).count >= p.minRatingsPerUser)
            #expect(set.ratings.users[row] == Int32(row))
        }
        for position in 0 ..< set.count {
            let level = set.level(of: set.ratings.values[position]) ?? -1
            #expect(set.ratings.codes[position] == set.ratings.items[position] * 5 + Int32(level))
        }
        #expect(Self.itemCounts(set).allSatisfy { $0 > 0 }, "items nobody rated are dropped")
        #expect(abs(set.ratings.meanValue - 3.5) < 0.3)
    }

    @Test func sameSeedSameSetOtherSeedOtherSet() throws {
        let a = try Self.parameters().generate()
        let b = try Self.parameters().generate()
        let c = try Self.parameters(seed: 8).generate()
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.ratings == b.ratings)
        #expect(a.noiseFloorMSE == b.noiseFloorMSE)
        #expect(a.fingerprint != c.fingerprint)
    }

    @Test(arguments: [(0.0, 0.06, 0.0834), (0.5, 0.25, 0.34), (1.0, 0.7, 1.09)])
    func noiseFloorIsNoisePlusRounding(noise: Double, low: Double, high: Double) throws {
        // σ² + 1/12 (rounding) when nothing is clipped; clipping to 1…5 only lowers it.
        let set = try Self.parameters(ratings: 20_000, noise: noise).generate()
        let floor = try #require(set.noiseFloorMSE)
        #expect(floor > low && floor < high, "noise \(noise): floor \(floor)")
    }

    @Test func popularityIsSkewedUnlessExponentIsZero() throws {
        var skewed = Self.parameters(users: 400, items: 500, ratings: 12_000)
        skewed.popularityExponent = 1.2
        var uniform = skewed
        uniform.popularityExponent = 0
        uniform.activityExponent = 0
        let skewedCounts = Self.itemCounts(try skewed.generate())
        let uniformSet = try uniform.generate()
        let uniformCounts = Self.itemCounts(uniformSet)
        let mean = 12_000.0 / 500
        #expect(Double(skewedCounts.max() ?? 0) > 6 * mean)
        #expect(Double(uniformCounts.max() ?? 0) < 2 * mean)
        // Uniform activity: every user gets 30 ratings.
        #expect((0 ..< 400).allSatisfy { uniformSet.ratings.range(ofRow: $0).count == 30 })
    }

    @Test func steepActivityStillGivesTheMinimum() throws {
        var p = Self.parameters(users: 500, items: 300, ratings: 8_000)
        p.activityExponent = 2
        p.minRatingsPerUser = 4
        let set = try p.generate()
        let perUser = (0 ..< 500).map { set.ratings.range(ofRow: $0).count }
        #expect(perUser.min() == 4)
        #expect(perUser.max() == 300, "the heaviest user is capped at the item count")
        #expect(perUser.reduce(0, +) == 8_000)
        _ = Self.itemCounts(set)
    }

    @Test func denseAndSteepSetsHaveNoRepeats() throws {
        // Every user rates every item (keyed sampling), and a steep popularity forces the fallback.
        let full = try Self.parameters(users: 20, items: 10, ratings: 200).generate()
        #expect(full.count == 200 && full.itemCount == 10)
        #expect(Self.itemCounts(full).allSatisfy { $0 == 20 })
        var steep = Self.parameters(users: 50, items: 400, ratings: 5_000)
        steep.popularityExponent = 3
        let set = try steep.generate()
        #expect(set.count == 5_000)
        _ = Self.itemCounts(set)
    }

    @Test func rankZeroHasNoInteraction() throws {
        var p = Self.parameters()
        p.rank = 0
        #expect(try p.generate().count == p.ratings)
    }

    @Test func ratingCountsShareExactly() {
        let counts = SyntheticGenerator.ratingCounts(weights: [8, 4, 2, 1, 1], total: 40, minimum: 4, maximum: 12)
        #expect(counts.reduce(0, +) == 40)
        #expect(counts.allSatisfy { $0 >= 4 && $0 <= 12 })
        // The heaviest user's share (10 of the 20 extra) passes the room (8): capped. The other 12
        // are shared 4:2:1:1 by rounding the running total 6, 9, 10.5, 12 down: +6, +3, +1, +2.
        #expect(counts == [12, 10, 7, 5, 6])
    }

    @Test func invalidParametersNameTheKey() {
        var p = Self.parameters(users: 1_000, ratings: 5_000)
        #expect(throws: DatasetError.invalidDataset(
            "synthetic.ratings: expected at least users × min_ratings_per_user = 10000")) { try p.generate() }
        p = Self.parameters(users: 10, items: 5, ratings: 100)
        p.minRatingsPerUser = 4
        #expect(throws: DatasetError.invalidDataset(
            "synthetic.ratings: expected at most users × items = 50: a user rates an item once")) { try p.generate() }
        p = Self.parameters()
        p.minRatingsPerUser = 3
        #expect(throws: DatasetError.invalidDataset("synthetic.min_ratings_per_user: expected an integer ≥ 4")) {
            try p.validate()
        }
        p = Self.parameters()
        p.noise = -1
        #expect(p.problems().map(\.key) == ["noise"])
        #expect(Self.parameters().problems().isEmpty)
    }

    @Test func weightTreeDrawsPresentIndicesInProportion() {
        var tree = WeightTree(weights: [1, 2, 3, 4, 0, 10])
        #expect(tree.total == 20)
        tree.remove(5)
        tree.remove(5)
        #expect(tree.total == 10)
        var random = SplitMix64(seed: 2)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0 ..< 100_000 { counts[tree.sample(using: &random)] += 1 }
        #expect(counts[4] == 0 && counts[5] == 0)
        for index in 0 ..< 4 {
            let expected = 100_000.0 * Double(index + 1) / 10
            #expect(abs(Double(counts[index]) - expected) < 0.03 * expected)
        }
        tree.restore(5)
        #expect(tree.total == 20)
        for index in [0, 1, 2, 3] { tree.remove(index) }
        #expect((0 ..< 1_000).allSatisfy { _ in tree.sample(using: &random) == 5 })
    }

    @Test func aliasTableFollowsWeights() {
        let table = AliasTable(weights: [1, 2, 3, 4])
        var random = SplitMix64(seed: 1)
        var counts = [0, 0, 0, 0]
        for _ in 0 ..< 100_000 { counts[table.sample(using: &random)] += 1 }
        for (index, count) in counts.enumerated() {
            let expected = 100_000.0 * Double(index + 1) / 10
            #expect(abs(Double(count) - expected) < 0.03 * expected)
        }
    }
}
