import MFAECore

/// Small data sets built in code for tests.
public enum Fixtures {
    /// Three users, three items, ratings on levels 1…5:
    /// ```
    ///        i0  i1  i2
    ///   u0    5   3   .
    ///   u1    .   4   1
    ///   u2    2   .   5
    /// ```
    public static func tiny() -> RatingSet {
        var builder = RatingSetBuilder()
        for (user, item, value) in [("u0", "i0", 5), ("u0", "i1", 3), ("u1", "i1", 4), ("u1", "i2", 1),
                                    ("u2", "i0", 2), ("u2", "i2", 5)] as [(String, String, Float)] {
            builder.add(userID: user, itemID: item, value: value)
        }
        return builder.build(name: "tiny", titles: ["i0": "Alpha", "i1": "Beta", "i2": "Gamma"])
    }

    /// A planted rank-`rank` data set: every user rates `perUser` random items; ratings are
    /// `3 + b_u + b_i + p·q + noise` (biases with standard deviation 0.4), rounded and clipped to 1…5. Small and fast, for trainer tests.
    public static func planted(users: Int, items: Int, perUser: Int, rank: Int = 3, noise: Double = 0.3,
                               seed: UInt64 = 7) -> RatingSet {
        var generator = SplitMix64(seed: seed)
        let scale = 1 / Double(rank).squareRoot()
        let p = (0 ..< users * rank).map { _ in generator.nextGaussian() * scale }
        let q = (0 ..< items * rank).map { _ in generator.nextGaussian() * scale }
        let userBias = (0 ..< users).map { _ in generator.nextGaussian() * 0.4 }
        let itemBias = (0 ..< items).map { _ in generator.nextGaussian() * 0.4 }
        var builder = RatingSetBuilder()
        for user in 0 ..< users {
            var chosen = Set<Int>()
            while chosen.count < min(perUser, items) { chosen.insert(Int(generator.next() % UInt64(items))) }
            for item in chosen.sorted() {
                var truth = 3 + userBias[user] + itemBias[item]
                for f in 0 ..< rank { truth += p[user * rank + f] * q[item * rank + f] }
                let value = min(5, max(1, (truth + generator.nextGaussian() * noise).rounded()))
                builder.add(userID: "u\(user)", itemID: "i\(item)", value: Float(value))
            }
        }
        return builder.build(name: "planted")
    }
}
