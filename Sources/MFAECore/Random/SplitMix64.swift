/// A small, fast, seedable generator (SplitMix64). Each run owns its generators; there is no global one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one `purpose` of a run with `seed`: streams of different purposes are independent.
    public init(seed: UInt64, purpose: RandomPurpose) {
        var mixer = SplitMix64(seed: seed ^ (purpose.salt &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next() ^ purpose.salt
    }

    /// Runs `body` with the generator's state, for C kernels that draw from the same sequence
    /// (``mfae_select_codes``).
    mutating func withState<R>(_ body: (UnsafeMutablePointer<UInt64>) -> R) -> R {
        withUnsafeMutablePointer(to: &state, body)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Float` in [0, 1) from the top 24 bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Double` in [0, 1) from the top 53 bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal sample (Box–Muller; the second value is discarded for simplicity).
    public mutating func nextGaussian() -> Double {
        var u = nextUnitDouble()
        while u <= Double.leastNormalMagnitude { u = nextUnitDouble() }
        let v = nextUnitDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// What a random stream is used for; each purpose gets its own stream from a run's seed so that,
/// for example, changing the mask fraction does not change the split.
public enum RandomPurpose: UInt64, Sendable {
    case split = 1, initialisation, mask, shuffle, evaluationMask, synthetic
    /// The order of a new user's given ratings in the cold-start curve (``ColdStartEvaluation``).
    case coldStart
    var salt: UInt64 { rawValue &* 0xD1B5_4A32_D192_ED03 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
