/// Draws indices `0 ..< count` with probability proportional to fixed weights in O(1) per draw
/// (Vose's alias method; O(count) to build).
struct AliasTable {
    /// Probability of keeping column `i` rather than taking `alias[i]`.
    private var keep: [Double]
    /// The other index sharing column `i`.
    private var alias: [Int32]

    /// Number of indices.
    var count: Int { keep.count }

    /// A table for `weights`, which must be non-empty, finite and positive, with fewer than 2³¹ entries.
    init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.count < Int(Int32.max), "alias table needs 1…2³¹ weights")
        let n = weights.count
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "alias weights must be positive and finite")
        var scaled = weights.map { $0 * Double(n) / total }
        keep = [Double](repeating: 1, count: n)
        alias = (0 ..< Int32(n)).map { $0 }
        var small: [Int32] = [], large: [Int32] = []
        for i in 0 ..< n {
            if scaled[i] < 1 { small.append(Int32(i)) } else { large.append(Int32(i)) }
        }
        while let s = small.last, let l = large.last {
            small.removeLast()
            keep[Int(s)] = scaled[Int(s)]
            alias[Int(s)] = l
            scaled[Int(l)] -= 1 - scaled[Int(s)]
            if scaled[Int(l)] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left is 1 up to rounding: always keep.
        for i in small + large { keep[Int(i)] = 1 }
    }

    /// One index drawn from `generator`: the top 32 bits pick a column, the low 32 bits the coin.
    @inline(__always)
    func sample(using generator: inout SplitMix64) -> Int {
        let bits = generator.next()
        let column = Int(((bits >> 32) &* UInt64(keep.count)) >> 32)
        let coin = Double(bits & 0xFFFF_FFFF) * (1.0 / 4_294_967_296.0)
        return coin < keep[column] ? column : Int(alias[column])
    }
}
