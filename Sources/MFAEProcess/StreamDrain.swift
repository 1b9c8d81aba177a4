import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a child's standard output and error to their ends, and writes its input, on one thread
/// with `poll`, so that neither side ever waits on a full pipe. Closes every descriptor it is given.
struct StreamDrain: Sendable {
    /// The read end of standard output, if it is a pipe.
    var output: Int32?
    /// The read end of standard error, if it is a pipe.
    var errors: Int32?
    /// The (non-blocking) write end of standard input, if there is text to write.
    var input: Int32?
    /// The text to write.
    var inputBytes: [UInt8]
    /// Called with each complete line of standard output.
    var onOutputLine: (@Sendable (String) -> Void)?

    /// Drains until both outputs reach their end; returns standard output and standard error.
    func run() -> (output: [UInt8], errors: [UInt8]) {
        // A write to a child that closed its input raises SIGPIPE in the writing thread: blocked here,
        // so the write fails with EPIPE instead (the pending signal goes with this thread).
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        var output = self.output, errors = self.errors, input = self.input
        var collected: [[UInt8]] = [[], []]
        var reported = 0, written = 0
        if let descriptor = input, inputBytes.isEmpty { _ = close(descriptor); input = nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while output != nil || errors != nil || input != nil {
            var watched: [pollfd] = []
            if let output { watched.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if let errors { watched.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            if let input { watched.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            guard poll(&watched, nfds_t(watched.count), -1) >= 0 else {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            for entry in watched where entry.revents != 0 {
                if entry.fd == input {
                    if writeInput(to: entry.fd, from: &written) { _ = close(entry.fd); input = nil }
                    continue
                }
                let stream = entry.fd == output ? 0 : 1
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[stream] += buffer[0 ..< count]
                    if stream == 0 { report(collected[0], from: &reported) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    _ = close(entry.fd)
                    if stream == 0 { output = nil } else { errors = nil }
                }
            }
        }
        // Only reached early when poll itself fails (it cannot, short of memory): close what is left.
        for descriptor in [output, errors, input].compactMap({ $0 }) { _ = close(descriptor) }
        return (collected[0], collected[1])
    }

    /// Writes what is left of the input; returns whether writing is over (all written, or the child
    /// closed its input).
    private func writeInput(to descriptor: Int32, from written: inout Int) -> Bool {
        let count = inputBytes.withUnsafeBytes { bytes -> Int in
            guard let start = bytes.baseAddress else { return 0 }
            return write(descriptor, start + written, bytes.count - written)
        }
        if count >= 0 { written += count; return written == inputBytes.count }
        return errno != EINTR && errno != EAGAIN
    }

    /// Passes the complete lines after `reported` to ``onOutputLine``.
    private func report(_ text: [UInt8], from reported: inout Int) {
        guard let onOutputLine else { return }
        while let newline = text[reported...].firstIndex(of: UInt8(ascii: "\n")) {
            onOutputLine(String(decoding: text[reported ..< newline], as: UTF8.self))
            reported = newline + 1
        }
    }
}
