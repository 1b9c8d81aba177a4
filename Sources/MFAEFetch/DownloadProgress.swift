import Foundation

/// How far a download has got, as reported to the caller's progress display.
public struct DownloadProgress: Sendable, Equatable {
    /// The file being downloaded (`ml-1m.zip`).
    public var fileName: String
    /// Bytes on disk so far, including those of an earlier, resumed attempt.
    public var bytes: Int64
    /// The file's full size, when the server said.
    public var total: Int64?
    /// Bytes per second over this attempt so far (0 at its start).
    public var bytesPerSecond: Double
    /// Whether this is the last report (the transfer ended).
    public var isFinished: Bool

    /// Describes a point of a download.
    public init(fileName: String, bytes: Int64, total: Int64?, bytesPerSecond: Double, isFinished: Bool) {
        self.fileName = fileName; self.bytes = bytes; self.total = total
        self.bytesPerSecond = bytesPerSecond; self.isFinished = isFinished
    }

    /// Seconds until the end at the current rate, when both are known.
    public var secondsLeft: Double? {
        guard let total, bytesPerSecond > 0 else { return nil }
        return Double(max(0, total - bytes)) / bytesPerSecond
    }

    /// The fraction done in 0…1, when the size is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(bytes) / Double(total))
    }
}
