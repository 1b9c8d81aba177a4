/// Full-ranking top-N evaluation: for each user, every item not in the user's input is scored (one
/// matrix–vector product, ``RatingDecoder/predict(item:userBias:userVector:)`` per item) and the
/// top N are kept by a partial sort; relevant items are the user's targets rated at least the
/// threshold. Ties are broken by item index, lower first (``TopSelection``).
///
/// The candidates exclude exactly the user's input ratings: the training ratings under `warm`, the
/// given half under `heldout`. Complexity O(users × items × k + users × items) time, O(items) space.
public enum TopNEvaluation {
    /// N of the top-N lists the lab records.
    public static let defaultCutoff = 10
    /// The relevance threshold when the configuration does not set one: 4 stars.
    public static let defaultThreshold: Float = 4

    /// The ranking metrics of `model` on `set`, users represented as `representation` says.
    public static func evaluate(_ model: FactorModel, on set: EvaluationSet, representation: UserRepresentation,
                                threshold: Float, cutoff: Int = defaultCutoff) -> RankingMetrics {
        let clock = Stopwatch()
        let itemCount = model.decoder.itemBias.rows
        var representation = representation
        var scratch = model.makeScratch()
        var accumulator = RankingAccumulator(cutoff: cutoff, itemCount: itemCount)
        var scores = [Double](repeating: 0, count: itemCount)
        var isExcluded = [Bool](repeating: false, count: itemCount)
        var isRelevant = [Bool](repeating: false, count: itemCount)
        var relevant: [Int] = []
        for row in 0 ..< set.rowCount {
            let userBias = Evaluator.represent(row: row, of: set.input, model: model, representation: &representation,
                                               scratch: &scratch)
            for item in 0 ..< itemCount {
                scores[item] = Double(model.decoder.predict(item: item, userBias: userBias,
                                                            userVector: scratch.userVector.pointer))
            }
            for position in set.input.range(ofRow: row) { isExcluded[Int(set.input.items[position])] = true }
            relevant.removeAll(keepingCapacity: true)
            for position in set.targets.range(ofRow: row) where set.targets.values[position] >= threshold {
                let item = Int(set.targets.items[position])
                if !isExcluded[item] && !isRelevant[item] {
                    isRelevant[item] = true
                    relevant.append(item)
                }
            }
            let ranked = rank(scores: scores, isExcluded: isExcluded, relevant: relevant, cutoff: cutoff)
            accumulator.add(topItems: ranked.top, isRelevant: { isRelevant[$0] }, relevantCount: relevant.count,
                            firstRelevantRank: ranked.firstRelevantRank)
            for position in set.input.range(ofRow: row) { isExcluded[Int(set.input.items[position])] = false }
            for item in relevant { isRelevant[item] = false }
        }
        return accumulator.metrics(threshold: threshold, seconds: clock.elapsedSeconds)
    }

    /// The top `cutoff` candidates (items not excluded) by score, best first, ties by lower index;
    /// and the 1-based rank among all candidates of the best-ranked of `relevant` (nil when empty).
    /// Complexity O(items) plus the partial sort.
    public static func rank(scores: [Double], isExcluded: [Bool], relevant: [Int],
                            cutoff: Int) -> (top: [Int], firstRelevantRank: Int?) {
        var selection = TopSelection(capacity: cutoff)
        for item in scores.indices where !isExcluded[item] { selection.offer(index: item, score: scores[item]) }
        var best: Int?
        for item in relevant where !isExcluded[item] {
            if let current = best, !TopSelection.precedes(scores[item], item, scores[current], current) { continue }
            best = item
        }
        guard let first = best else { return (selection.indices, nil) }
        var rank = 1
        for item in scores.indices where !isExcluded[item] && item != first
            && TopSelection.precedes(scores[item], item, scores[first], first) {
            rank += 1
        }
        return (selection.indices, rank)
    }
}
