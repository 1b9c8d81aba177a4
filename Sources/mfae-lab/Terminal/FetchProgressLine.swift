import Foundation
import MFAEFetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws a download's progress on one self-overwriting line of standard error, when standard error
/// is a terminal (nothing otherwise, so logs and pipes stay clean):
///
///     ml-1m.zip   2.4 MB / 5.9 MB  41%  1.2 MB/s  0:03 left
enum FetchProgressLine {
    /// A fetcher whose progress goes to this line (default catalogue, GroupLens or the mirror).
    static func makeFetcher() -> DatasetFetcher {
        guard isatty(STDERR_FILENO) == 1 else { return DatasetFetcher() }
        return DatasetFetcher(progress: { progress in draw(progress) })
    }

    /// Writes the line for `progress` (and a newline when the transfer ended).
    static func draw(_ progress: DownloadProgress) {
        var text = "\r\u{1B}[K\(progress.fileName)  \(megabytes(progress.bytes))"
        if let total = progress.total { text += " / \(megabytes(total))" }
        if let fraction = progress.fraction { text += String(format: "  %3.0f%%", fraction * 100) }
        if progress.bytesPerSecond > 0 { text += "  \(megabytes(Int64(progress.bytesPerSecond)))/s" }
        if let left = progress.secondsLeft, !progress.isFinished { text += "  \(clock(left)) left" }
        if progress.isFinished { text += "\n" }
        Console.write(text, to: .standardError)
    }

    /// `5.9 MB`.
    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    /// `1:05` (minutes:seconds) or `2:01:05`.
    private static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
