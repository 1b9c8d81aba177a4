/// The training masks of a run: one independent stream per (epoch, user), so that a user's mask
/// does not depend on batch composition, user order or the number of threads.
public struct MaskSchedule: Sendable {
    /// Probability that an input rating is dropped; 0 keeps everything.
    public var fraction: Float
    /// The run's seed.
    public var seed: UInt64
    /// The current epoch (1-based); changes every user's mask.
    public var epoch: Int = 1

    /// A schedule that never masks (MF, and `mask_fraction` 0).
    public static let keepAll = MaskSchedule(fraction: 0, seed: 0)

    /// A schedule dropping each rating with probability `fraction`, drawn from streams of `seed`.
    public init(fraction: Float, seed: UInt64) {
        self.fraction = fraction; self.seed = seed
    }

    /// The mask of `user` in the current epoch.
    @inline(__always)
    public func mask(forUser user: Int32) -> InputMask {
        guard fraction > 0 else { return .keepAll }
        let stream = seed ^ (UInt64(truncatingIfNeeded: epoch) << 32 | UInt64(UInt32(bitPattern: user)))
        return .random(fraction: fraction, generator: SplitMix64(seed: stream, purpose: .mask))
    }
}
