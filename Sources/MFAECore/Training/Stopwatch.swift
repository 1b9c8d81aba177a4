import Dispatch

/// Measures wall time from its creation, with a monotonic clock.
public struct Stopwatch: Sendable {
    private let start: UInt64
    /// Starts now.
    public init() { start = DispatchTime.now().uptimeNanoseconds }
    /// Seconds since creation.
    public var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
