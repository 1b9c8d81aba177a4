import CKernels

/// The calling thread's floating-point mode.
///
/// Training runs with subnormals flushed to zero: Adam's moments of rows without gradient decay
/// geometrically into subnormal floats, whose arithmetic is very slow on x86, and values below
/// 1.2e-38 carry no information for training. The mode is per thread and is restored when the work
/// is done, so that code running later on the same thread (a test, the synthetic generator) computes
/// with ordinary IEEE arithmetic.
public enum FloatEnvironment {
    /// Runs `body` with subnormals flushed to zero on the calling thread, then restores the mode.
    @inline(__always)
    public static func withSubnormalsFlushedToZero<T>(_ body: () throws -> T) rethrows -> T {
        let saved = mfae_save_and_flush_subnormals()
        defer { mfae_restore_float_mode(saved) }
        return try body()
    }

    /// Whether the calling thread flushes subnormals to zero.
    public static var flushesSubnormalsToZero: Bool { mfae_flushes_subnormals_to_zero() != 0 }
}
