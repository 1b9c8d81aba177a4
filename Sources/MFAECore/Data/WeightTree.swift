/// Integer weights in a Fenwick tree: draw an index with probability proportional to its weight,
/// and remove or restore an index, each in O(log count). Integer sums are exact, so removing and
/// restoring leaves the tree exactly as it was.
struct WeightTree {
    /// Each index's weight when present.
    private let weights: [UInt64]
    /// Whether each index is currently in the tree.
    private var isPresent: [Bool]
    /// 1-based Fenwick sums: `tree[i]` covers indices `(i − lowbit(i)) ..< i` (0-based).
    private var tree: [UInt64]
    /// The highest power of two not above the count, where the descent starts.
    private let topStep: Int
    /// Sum of the weights present.
    private(set) var total: UInt64

    /// A tree holding every index of `weights`; their sum must stay below 2⁶³.
    init(weights: [UInt64]) {
        precondition(!weights.isEmpty, "a weight tree needs at least one weight")
        self.weights = weights
        isPresent = [Bool](repeating: true, count: weights.count)
        tree = [UInt64](repeating: 0, count: weights.count + 1)
        for (index, weight) in weights.enumerated() { tree[index + 1] = weight }
        for i in 1 ... weights.count {
            let parent = i + (i & -i)
            if parent <= weights.count { tree[parent] += tree[i] }
        }
        var step = 1
        while step * 2 <= weights.count { step *= 2 }
        topStep = step
        total = weights.reduce(0, +)
    }

    /// Takes `index` out (weight 0 until ``restore(_:)``); does nothing if it is out already.
    mutating func remove(_ index: Int) {
        guard isPresent[index] else { return }
        isPresent[index] = false
        add(0 &- weights[index], at: index)
        total -= weights[index]
    }

    /// Puts `index` back with its weight; does nothing if it is present.
    mutating func restore(_ index: Int) {
        guard !isPresent[index] else { return }
        isPresent[index] = true
        add(weights[index], at: index)
        total += weights[index]
    }

    /// An index drawn with probability `weight / total` among those present; needs `total > 0`.
    ///
    /// The target is `⌊next() × total / 2⁶⁴⌋`, whose bias is below `total / 2⁶⁴` (negligible for
    /// totals under 2⁴⁸); the descent finds the first index whose running sum passes it.
    func sample(using random: inout SplitMix64) -> Int {
        precondition(total > 0, "no weight left to draw from")
        var target = random.next().multipliedFullWidth(by: total).high
        var position = 0
        var step = topStep
        while step > 0 {
            let next = position + step
            if next < tree.count && tree[next] <= target {
                position = next
                target -= tree[next]
            }
            step >>= 1
        }
        return position
    }

    /// Adds `delta` (wrapping, so a two's-complement negative subtracts) to `index`'s weight.
    private mutating func add(_ delta: UInt64, at index: Int) {
        var i = index + 1
        while i < tree.count {
            tree[i] &+= delta
            i += i & -i
        }
    }
}
