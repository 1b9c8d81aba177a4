/// The encoder's random input mask: each input rating is dropped with probability `fraction`
/// (the notebook's `torch.rand(n) > frac` keeps a rating), which is stochastic feature bagging.
public struct InputMask: Sendable {
    /// Probability that a rating is dropped.
    public var fraction: Float
    private var generator: SplitMix64?

    /// A mask that keeps every rating.
    public static let keepAll = InputMask(fraction: 0, generator: nil)

    /// A random mask drawing from `generator`.
    public static func random(fraction: Float, generator: SplitMix64) -> InputMask {
        fraction > 0 ? InputMask(fraction: fraction, generator: generator) : .keepAll
    }

    private init(fraction: Float, generator: SplitMix64?) {
        self.fraction = fraction; self.generator = generator
    }

    /// Runs `body` with the generator's state, nil when the mask keeps everything (for C kernels that
    /// draw the mask, ``mfae_select_codes``).
    mutating func withGeneratorState<R>(_ body: (UnsafeMutablePointer<UInt64>?) -> R) -> R {
        guard var random = generator else { return body(nil) }
        defer { generator = random }
        return random.withState { body($0) }
    }

    /// Whether the next rating is kept; draws one number when the mask is random.
    @inline(__always)
    public mutating func keepsNext() -> Bool {
        guard var random = generator else { return true }
        defer { generator = random }
        return random.nextUnitFloat() >= fraction
    }
}
