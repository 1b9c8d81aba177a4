import MFAECore
import MFAETestSupport
import Testing

@Suite struct ProtocolSplitTests {
    let data = Fixtures.planted(users: 60, items: 40, perUser: 12)

    /// (user, item) pairs of a set of rows, for comparing parts.
    func pairs(_ ratings: RatingsByUser) -> [Pair] {
        (0 ..< ratings.rowCount).flatMap { row in ratings.range(ofRow: row).map { Pair(user: ratings.users[row], item: ratings.items[$0]) } }
    }
    struct Pair: Hashable { var user: Int32; var item: Int32 }

    @Test(arguments: [EvaluationProtocol.reconstruction, .warm])
    func ratingSplitIsDisjointCompleteAndDeterministic(_ evaluationProtocol: EvaluationProtocol) throws {
        let split = try ProtocolSplit.make(data, protocol: evaluationProtocol, validFraction: 0.1, testFraction: 0.1, seed: 4)
        let train = Set(pairs(split.train)), valid = Set(pairs(split.valid.targets)), test = Set(pairs(split.test.targets))
        #expect(train.isDisjoint(with: valid) && train.isDisjoint(with: test) && valid.isDisjoint(with: test))
        #expect(train.count + valid.count + test.count == data.count)
        let again = try ProtocolSplit.make(data, protocol: evaluationProtocol, validFraction: 0.1, testFraction: 0.1, seed: 4)
        #expect(again.test == split.test && again.train == split.train)
        let other = try ProtocolSplit.make(data, protocol: evaluationProtocol, validFraction: 0.1, testFraction: 0.1, seed: 5)
        #expect(other.test != split.test)
    }

    @Test func reconstructionEncodesExactlyTheEvaluatedRatings() throws {
        let split = try ProtocolSplit.make(data, protocol: .reconstruction, validFraction: 0.1, testFraction: 0.1, seed: 1)
        #expect(split.valid.input == split.valid.targets)
        #expect(split.test.input == split.test.targets)
    }

    @Test func warmEncodesTheUsersTrainingRatings() throws {
        let split = try ProtocolSplit.make(data, protocol: .warm, validFraction: 0.1, testFraction: 0.1, seed: 1)
        let trainByUser = Dictionary(grouping: pairs(split.train), by: \.user)
        for row in 0 ..< split.test.rowCount {
            let user = split.test.input.users[row]
            #expect(split.test.targets.users[row] == user)
            let input = split.test.input.range(ofRow: row).map { Pair(user: user, item: split.test.input.items[$0]) }
            #expect(Set(input) == Set(trainByUser[user] ?? []))
        }
        // Same seed, same rating split as reconstruction.
        let reconstruction = try ProtocolSplit.make(data, protocol: .reconstruction, validFraction: 0.1, testFraction: 0.1, seed: 1)
        #expect(reconstruction.test.targets == split.test.targets)
    }

    @Test func heldoutSplitsUsersAndHalvesEachEvaluatedUser() throws {
        let split = try ProtocolSplit.make(data, protocol: .heldout, validFraction: 0.1, testFraction: 0.1, seed: 2)
        let trainUsers = Set(split.train.users), validUsers = Set(split.valid.targets.users), testUsers = Set(split.test.targets.users)
        #expect(trainUsers.isDisjoint(with: validUsers) && trainUsers.isDisjoint(with: testUsers) && validUsers.isDisjoint(with: testUsers))
        #expect(trainUsers.count + validUsers.count + testUsers.count == data.userCount)
        #expect(validUsers.count == 6 && testUsers.count == 6)
        for set in [split.valid, split.test] {
            for row in 0 ..< set.rowCount {
                let given = Set(set.input.range(ofRow: row).map { set.input.items[$0] })
                let hidden = Set(set.targets.range(ofRow: row).map { set.targets.items[$0] })
                let user = Int(set.targets.users[row])
                let all = Set(data.ratings.range(ofRow: user).map { data.ratings.items[$0] })
                #expect(given.isDisjoint(with: hidden) && given.union(hidden) == all)
                #expect(given.count == all.count / 2)
            }
        }
        #expect(split.train.count == trainUsers.reduce(0) { $0 + data.ratings.range(ofRow: Int($1)).count })
    }
}
