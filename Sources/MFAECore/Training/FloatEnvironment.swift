import CKernels

/// The calling thread's floating-point mode.
public enum FloatEnvironment {
    /// Makes the calling thread flush subnormal results and inputs to zero. Idempotent and cheap;
    /// every thread that trains calls it (through ``Adam/step(_:gradient:settings:step:l2:rows:)``
    /// and the data-parallel workers). Values below 1.2e-38 carry no information for training.
    public static func flushSubnormalsToZero() { mfae_flush_subnormals_to_zero() }

    /// Whether the calling thread flushes subnormals to zero.
    public static var flushesSubnormalsToZero: Bool { mfae_flushes_subnormals_to_zero() != 0 }
}
