import Synchronization

/// A flag set once from any thread (a signal handler, a test) and polled by running trainers.
public final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// A flag not yet set.
    public init() {}

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { value.load(ordering: .acquiring) }

    /// Sets the flag; running runs stop at their next poll and are recorded as interrupted.
    public func cancel() { value.store(true, ordering: .releasing) }
}
