/// The encoder's input and the scored targets of one evaluation pass, row-aligned: row `r` of
/// `input` and row `r` of `targets` belong to the same user.
public struct EvaluationSet: Sendable, Equatable {
    /// What the model may see of each user (encoded by the autoencoder, folded in by MF for heldout).
    public var input: RatingsByUser
    /// The ratings that are predicted and scored.
    public var targets: RatingsByUser
    /// Number of users evaluated.
    public var rowCount: Int { targets.rowCount }

    /// A pass from row-aligned input and targets.
    public init(input: RatingsByUser, targets: RatingsByUser) {
        precondition(input.rowCount == targets.rowCount, "input and targets must be row-aligned")
        self.input = input; self.targets = targets
    }
}

/// A data set split by one of the three ``EvaluationProtocol``s. The split depends only on the data,
/// the protocol's kind of split (ratings or users), the fractions and the seed: every model run with
/// the same seed sees the same split.
public struct ProtocolSplit: Sendable {
    /// Training ratings, one row per user; also the encoder's input during training.
    public var train: RatingsByUser
    /// Validation pass (early stopping, model choice).
    public var valid: EvaluationSet
    /// Test pass (reported).
    public var test: EvaluationSet

    /// Splits `data` for `evaluationProtocol`.
    /// - `reconstruction`, `warm`: each rating goes to validation with probability `validFraction`, to test
    ///   with `testFraction`, otherwise to training. Reconstruction's input is the evaluated ratings
    ///   themselves; warm's input is the user's training ratings.
    /// - `heldout`: users are shuffled and split by the fractions; training uses all ratings of training
    ///   users; each evaluated user's ratings are shuffled and the first ⌊n/2⌋ given, the rest hidden.
    ///   Users with fewer than 2 ratings cannot be halved and are not evaluated.
    public static func make(_ data: RatingSet, protocol evaluationProtocol: EvaluationProtocol,
                            validFraction: Double, testFraction: Double, seed: UInt64) throws -> ProtocolSplit {
        var generator = SplitMix64(seed: seed, purpose: .split)
        let split: ProtocolSplit
        switch evaluationProtocol {
        case .reconstruction, .warm:
            let parts = data.presplit.map { presplitParts($0, validFraction: validFraction, generator: &generator) }
                ?? drawnParts(data.count, validFraction: validFraction, testFraction: testFraction,
                              generator: &generator)
            split = ratingSplit(data.ratings, parts: parts, isReconstruction: evaluationProtocol == .reconstruction)
        case .heldout:
            if data.presplit != nil {
                throw TrainingError.invalidConfiguration(
                    key: "protocol", expected: "warm or reconstruction for a pre-split data set (heldout splits users)")
            }
            split = userSplit(data.ratings, validFraction: validFraction, testFraction: testFraction,
                              generator: &generator)
        }
        if split.train.count == 0 { throw TrainingError.emptySplit("train") }
        if split.valid.targets.count == 0 { throw TrainingError.emptySplit("validation") }
        if split.test.targets.count == 0 { throw TrainingError.emptySplit("test") }
        return split
    }

    /// Each rating's part, drawn: test with probability `testFraction`, validation with `validFraction`.
    private static func drawnParts(_ count: Int, validFraction: Double, testFraction: Double,
                                   generator: inout SplitMix64) -> [SplitPart] {
        var parts = [SplitPart](repeating: .train, count: count)
        for position in parts.indices {
            let u = generator.nextUnitDouble()
            parts[position] = u < testFraction ? .test : (u < testFraction + validFraction ? .valid : .train)
        }
        return parts
    }

    /// A pre-split set's parts; when it has no validation part (GroupLens's `u1.base`/`u1.test`), each
    /// training rating moves to validation with probability `validFraction`.
    private static func presplitParts(_ given: [SplitPart], validFraction: Double,
                                      generator: inout SplitMix64) -> [SplitPart] {
        guard !given.contains(.valid) else { return given }
        var parts = given
        for position in parts.indices where parts[position] == .train {
            if generator.nextUnitDouble() < validFraction { parts[position] = .valid }
        }
        return parts
    }

    private static func ratingSplit(_ ratings: RatingsByUser, parts: [SplitPart],
                                    isReconstruction: Bool) -> ProtocolSplit {
        func rows(_ part: SplitPart) -> RatingsByUser {
            ratings.filtered(dropEmptyRows: false) { _, range in range.filter { parts[$0] == part } }
        }
        let train = rows(.train)
        func evaluation(_ part: SplitPart) -> EvaluationSet {
            let all = rows(part)
            let scored = (0 ..< all.rowCount).filter { !all.range(ofRow: $0).isEmpty }
            let targets = all.selectingRows(scored)
            return EvaluationSet(input: isReconstruction ? targets : train.selectingRows(scored), targets: targets)
        }
        let trainRows = (0 ..< train.rowCount).filter { !train.range(ofRow: $0).isEmpty }
        return ProtocolSplit(train: train.selectingRows(trainRows), valid: evaluation(.valid), test: evaluation(.test))
    }

    private static func userSplit(_ ratings: RatingsByUser, validFraction: Double, testFraction: Double,
                                  generator: inout SplitMix64) -> ProtocolSplit {
        var order = Array(0 ..< ratings.rowCount)
        order.shuffle(using: &generator)
        let testCount = Int((Double(order.count) * testFraction).rounded())
        let validCount = Int((Double(order.count) * validFraction).rounded())
        let testRows = order[..<testCount].sorted()
        let validRows = order[testCount ..< testCount + validCount].sorted()
        let trainRows = order[(testCount + validCount)...].sorted()
        func halves(_ rows: [Int]) -> EvaluationSet {
            var given = RatingsByUser(), hidden = RatingsByUser()
            for row in rows {
                var positions = Array(ratings.range(ofRow: row))
                guard positions.count >= 2 else { continue }
                positions.shuffle(using: &generator)
                let half = positions.count / 2
                for (part, chosen) in [(0, positions[..<half]), (1, positions[half...])] {
                    let sorted = chosen.sorted()
                    let items = sorted.map { ratings.items[$0] }, codes = sorted.map { ratings.codes[$0] }
                    let values = sorted.map { ratings.values[$0] }
                    if part == 0 {
                        given.appendRow(user: ratings.users[row], items: items, codes: codes, values: values)
                    } else {
                        hidden.appendRow(user: ratings.users[row], items: items, codes: codes, values: values)
                    }
                }
            }
            return EvaluationSet(input: given, targets: hidden)
        }
        let valid = halves(validRows)
        let test = halves(testRows)
        return ProtocolSplit(train: ratings.selectingRows(trainRows), valid: valid, test: test)
    }
}
