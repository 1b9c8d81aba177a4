import MFAECore

/// Sobol's low-discrepancy sequence with Joe and Kuo's direction numbers (`new-joe-kuo-6.21201`,
/// the table SciPy's `qmc.Sobol` also uses), in Gray-code order, for up to ``maximumDimensions``
/// dimensions, scrambled by a random digital shift (an XOR of each coordinate's 32 bits with a
/// seeded word): every shift keeps the sequence's stratification, and different seeds give
/// different, equally even designs.
///
/// Complexity: O(dimensions) per point after O(dimensions × 32) set-up.
public struct SobolSequence: Sendable {
    /// Dimensions the direction table covers.
    public static let maximumDimensions = 12

    /// `(s, a, m₁ … mₛ)` of dimensions 2…12 (dimension 1 is the van der Corput sequence).
    private static let table: [(s: Int, a: UInt32, m: [UInt32])] = [
        (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]), (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]), (5, 13, [1, 1, 1, 3, 11]),
    ]

    private let directions: [[UInt32]]
    private let shifts: [UInt32]

    /// A sequence of `dimensions` coordinates; `shiftSeed` nil gives the unscrambled sequence.
    public init(dimensions: Int, shiftSeed: UInt64?) {
        precondition(dimensions >= 0 && dimensions <= Self.maximumDimensions, "at most \(Self.maximumDimensions) dimensions")
        var directions: [[UInt32]] = []
        for dimension in 0 ..< dimensions {
            var v = [UInt32](repeating: 0, count: 32)
            if dimension == 0 {
                for bit in 0 ..< 32 { v[bit] = 1 << (31 - UInt32(bit)) }
            } else {
                let (s, a, m) = Self.table[dimension - 1]
                for bit in 0 ..< s { v[bit] = m[bit] << (31 - UInt32(bit)) }
                for bit in s ..< 32 {
                    var value = v[bit - s] ^ (v[bit - s] >> UInt32(s))
                    for k in 1 ..< s where (a >> UInt32(s - 1 - k)) & 1 == 1 { value ^= v[bit - k] }
                    v[bit] = value
                }
            }
            directions.append(v)
        }
        self.directions = directions
        var generator = SplitMix64(seed: shiftSeed ?? 0)
        shifts = (0 ..< dimensions).map { _ in shiftSeed == nil ? 0 : UInt32(truncatingIfNeeded: generator.next() >> 32) }
    }

    /// Point `index` (0-based) of the sequence, each coordinate in `[0, 1)`.
    public func point(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < 1 << 32)
        let gray = UInt32(truncatingIfNeeded: index ^ (index >> 1))
        return directions.indices.map { dimension in
            var x: UInt32 = 0
            var bits = gray, bit = 0
            while bits != 0 {
                if bits & 1 == 1 { x ^= directions[dimension][bit] }
                bits >>= 1
                bit += 1
            }
            return Double(x ^ shifts[dimension]) / 4_294_967_296.0
        }
    }
}
