import Foundation

/// Runs the built `mfae-lab` executable for end-to-end tests and captures what it prints.
///
/// The executable is found next to the test bundle (`.build/debug/mfae-lab`), or at
/// `MFAE_LAB_EXECUTABLE` when that is set.
public struct CLIProcess {
    /// What a finished process left.
    public struct Result: Sendable {
        /// The exit status (or the signal number, for a process killed by a signal).
        public var status: Int32
        /// Whether it ended by a signal rather than by exiting.
        public var wasSignalled: Bool
        public var stdout: String
        public var stderr: String
    }

    /// The built `mfae-lab`.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["MFAE_LAB_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // macOS runs tests inside `X.xctest/Contents/MacOS`; Linux next to the executable.
        for _ in 0 ..< 4 {
            let candidate = folder.appendingPathComponent("mfae-lab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mfae-lab")
    }

    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let drained = DispatchGroup()
    private let captured = Captured()

    /// Starts `mfae-lab arguments…` in `directory`, with this process's environment changed by
    /// `environment` (a nil value removes the variable) and `input` (or nothing) on standard input.
    public init(_ arguments: [String], in directory: URL, environment: [String: String?] = [:], input: String? = nil) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        // Both pipes are drained on their own threads, so a chatty process never blocks on a full pipe.
        for (pipe, isError) in [(output, false), (errors, true)] {
            drained.enter()
            let captured = self.captured, group = drained
            Thread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                captured.set(String(decoding: data, as: UTF8.self), isError: isError)
                group.leave()
            }.start()
        }
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGINT for Ctrl-C, SIGKILL for `kill -9`).
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the end, after reading everything it printed.
    public func wait() -> Result {
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal,
                      stdout: captured.stdout, stderr: captured.stderr)
    }

    /// Runs `mfae-lab arguments…` in `directory` to the end, with `input` on standard input.
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String?] = [:],
                           input: String? = nil) throws -> Result {
        try CLIProcess(arguments, in: directory, environment: environment, input: input).wait()
    }
}

/// Output collected by the draining threads.
private final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func set(_ text: String, isError: Bool) {
        lock.lock()
        if isError { err = text } else { out = text }
        lock.unlock()
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return err }
}
