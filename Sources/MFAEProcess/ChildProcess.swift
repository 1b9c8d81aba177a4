import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started by this process: what it reads, what it prints, its id and how it ended.
///
/// Every program the lab and its tests start goes through here: git for the provenance, gnuplot and
/// pip, and in the tests `mfae-lab` itself, shell scripts and the fetch tests' HTTP server.
/// Foundation's `Process` is not used because on Linux it is unsafe when several threads start
/// programs at once, as the parallel tests do: its pipes and its per-process socket are inherited by
/// programs other threads start meanwhile, its exit bookkeeping is read and written unsynchronised
/// across threads, and `FileHandle.readDataToEndOfFile` traps on `EINTR` (see `Docs/subprocesses.md`).
///
/// What this type guarantees instead:
/// - every descriptor it makes is close-on-exec from birth (`pipe2(O_CLOEXEC)`), and the child closes
///   every descriptor above 2 before `exec`, so no program inherits another's pipe;
/// - the child starts in a process group of its own, with default signal dispositions and no
///   blocked signals (as a shell would start it), so a signal sent to its group never reaches the tests;
/// - one thread per child drains standard output and error with `poll` (a chatty program never
///   blocks on a full pipe), writes the input, then reaps the child; every `read`, `write`, `poll`
///   and `waitpid` is retried on `EINTR`;
/// - ``send(_:)`` never signals a reaped (and so possibly reused) process id.
///
/// ```swift
/// let result = try ChildProcess.run(executable: "/usr/bin/env", arguments: ["git", "rev-parse", "HEAD"])
/// if result.succeeded { print(result.stdout) }
/// ```
public final class ChildProcess: @unchecked Sendable {
    /// What the child reads on standard input.
    public enum Input: Sendable {
        /// Nothing: `/dev/null`.
        case none
        /// This text, then the end of the file.
        case text(String)
        /// A pipe that stays open, with nothing written, until ``closeInput()`` or the child's end.
        case open
    }

    /// Where the child's standard output goes.
    public enum Output: Sendable {
        /// Collected into ``Result/stdout``.
        case capture
        /// `/dev/null`.
        case discard
    }

    /// Where the child's standard error goes.
    public enum ErrorOutput: Sendable {
        /// Collected into ``Result/stderr``.
        case capture
        /// `/dev/null`.
        case discard
        /// Into standard output, interleaved as printed (``Result/stderr`` stays empty).
        case mergedWithOutput
    }

    /// How a finished child ended and what it printed.
    public struct Result: Sendable, Equatable {
        /// The exit status, or the signal number when ``wasSignalled``; -1 when the end is unknown.
        public var status: Int32
        /// Whether it ended by a signal rather than by exiting.
        public var wasSignalled: Bool
        /// Its standard output (with standard error when that was merged), decoded as UTF-8.
        public var stdout: String
        /// Its standard error, decoded as UTF-8.
        public var stderr: String

        /// Whether it exited with status 0.
        public var succeeded: Bool { status == 0 && !wasSignalled }
    }

    /// The child's process id (also its process group id).
    public let pid: Int32
    private let state: ChildState

    /// Starts `executable` (a path; use `/usr/bin/env` to look a name up on `PATH`) with `arguments`.
    /// - Parameters:
    ///   - directory: the working directory; this process's when nil.
    ///   - environment: changes to this process's environment; a nil value removes the variable.
    ///   - onOutputLine: called on the draining thread with each complete line of standard output as
    ///     it arrives (the output is still captured when ``Output/capture``).
    /// - Throws: ``ProcessError`` when a pipe cannot be made or the program cannot be started.
    public init(executable: String, arguments: [String] = [], in directory: URL? = nil,
                environment: [String: String?] = [:], input: Input = .none, output: Output = .capture,
                errors: ErrorOutput = .capture, onOutputLine: (@Sendable (String) -> Void)? = nil) throws {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let spawned = try Spawn(executable: executable, arguments: arguments, directory: directory?.path,
                                environment: variables, input: input, output: output, errors: errors).start()
        pid = spawned.pid
        var inputBytes: [UInt8] = []
        if case let .text(text) = input { inputBytes = Array(text.utf8) }
        state = ChildState(openInput: { if case .open = input { return spawned.input } else { return nil } }())
        let drain = StreamDrain(output: spawned.output, errors: spawned.errors,
                                input: { if case .text = input { return spawned.input } else { return nil } }(),
                                inputBytes: inputBytes, onOutputLine: onOutputLine)
        let pid = self.pid, state = self.state
        let thread = Thread {
            let (stdout, stderr) = drain.run()
            state.reap(pid, stdout: stdout, stderr: stderr)
        }
        thread.name = "child \(pid)"
        thread.start()
    }

    /// Runs the program to its end and returns what it printed; the arguments are those of ``init``.
    /// - Throws: ``ProcessError`` when it cannot be started (a failing program is a ``Result``).
    public static func run(executable: String, arguments: [String] = [], in directory: URL? = nil,
                           environment: [String: String?] = [:], input: Input = .none,
                           output: Output = .capture, errors: ErrorOutput = .capture) throws -> Result {
        try ChildProcess(executable: executable, arguments: arguments, in: directory, environment: environment,
                         input: input, output: output, errors: errors).wait()
    }

    /// Whether the child has not yet been reaped (it may still be running, or its output still draining).
    public var isRunning: Bool { state.result == nil }

    /// Sends `signal` (SIGINT for Ctrl-C, SIGKILL for `kill -9`) unless the child has already been reaped.
    public func send(_ signal: Int32) {
        state.whileUnreaped { _ = kill(pid, signal) }
    }

    /// Closes the child's standard input when it is ``Input/open``; the child reads the end of the file.
    public func closeInput() {
        state.closeInput()
    }

    /// Waits until the child has ended and everything it printed has been read.
    public func wait() -> Result {
        state.waitForResult()
    }
}

/// What the draining thread and the callers share, behind one condition lock.
private final class ChildState: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished: ChildProcess.Result?
    private var openInput: Int32?

    init(openInput: Int32?) {
        self.openInput = openInput
    }

    var result: ChildProcess.Result? { condition.withLock { finished } }

    /// Runs `body` while holding the lock, only if the child is not reaped (reaping takes the lock).
    func whileUnreaped(_ body: () -> Void) {
        condition.withLock { if finished == nil { body() } }
    }

    func closeInput() {
        condition.withLock {
            if let descriptor = openInput { _ = close(descriptor) }
            openInput = nil
        }
    }

    /// Waits for the child's end without reaping it, then reaps it under the lock, so that no
    /// ``ChildProcess/send(_:)`` can signal the id once it is free for reuse.
    func reap(_ pid: Int32, stdout: [UInt8], stderr: [UInt8]) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        condition.withLock {
            var status: Int32 = 0
            var reaped: Int32
            repeat { reaped = waitpid(pid, &status, 0) } while reaped == -1 && errno == EINTR
            let signal = status & 0x7f
            finished = ChildProcess.Result(
                status: reaped == -1 ? -1 : (signal == 0 ? (status >> 8) & 0xff : signal),
                wasSignalled: reaped != -1 && signal != 0,
                stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
            if let descriptor = openInput { _ = close(descriptor) }
            openInput = nil
            condition.broadcast()
        }
    }

    func waitForResult() -> ChildProcess.Result {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let finished { return finished }
            condition.wait()
        }
    }
}
