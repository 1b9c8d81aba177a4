import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every line the executable prints goes through here: results to standard output, progress,
/// notes and errors to standard error.
///
/// Writes never crash the process: when standard output is gone (`mfae-lab run … | head` after
/// `head` exits, or a closed terminal), the write fails quietly and ``outputClosed`` is called
/// once, so a sweep can stop and mark its running runs interrupted, as after SIGTERM.
enum Console {
    /// Called once, on the first failed write to standard output.
    nonisolated(unsafe) static var outputClosed: (@Sendable () -> Void)?
    private static let lock = NSLock()
    nonisolated(unsafe) private static var isOutputClosed = false

    /// Writes `line` and a newline to standard output at once (unbuffered, so that it interleaves
    /// with the progress display and standard error).
    static func say(_ line: String) {
        print(line)
        if fflush(stdout) != 0 { reportOutputClosed() }
    }

    /// Writes a progress or diagnostic line to standard error, keeping standard output for results.
    static func log(_ line: String) {
        write(line + "\n", to: .standardError)
    }

    /// Writes `text` to `handle`; a failed write to standard output reports the output as closed.
    static func write(_ text: String, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            if handle.fileDescriptor == FileHandle.standardOutput.fileDescriptor { reportOutputClosed() }
        }
    }

    private static func reportOutputClosed() {
        lock.lock()
        let isFirst = !isOutputClosed
        isOutputClosed = true
        let handler = outputClosed
        lock.unlock()
        if isFirst { handler?() }
    }
}
