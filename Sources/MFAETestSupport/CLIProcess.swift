import Foundation
import MFAEProcess

/// Runs the built `mfae-lab` executable for end-to-end tests and captures what it prints.
///
/// The executable is found next to the test bundle (`.build/debug/mfae-lab`), or at
/// `MFAE_LAB_EXECUTABLE` when that is set. Started through ``ChildProcess``, like every program
/// the tests start.
public struct CLIProcess {
    /// What a finished process left.
    public typealias Result = ChildProcess.Result

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

    private let child: ChildProcess

    /// Starts `mfae-lab arguments…` in `directory`, with this process's environment changed by
    /// `environment` (a nil value removes the variable) and `input` (or nothing) on standard input.
    public init(_ arguments: [String], in directory: URL, environment: [String: String?] = [:], input: String? = nil) throws {
        child = try ChildProcess(executable: Self.executable.path, arguments: arguments, in: directory,
                                 environment: environment, input: input.map { .text($0) } ?? .none)
    }

    /// The process id.
    public var pid: Int32 { child.pid }

    /// Whether it is still running.
    public var isRunning: Bool { child.isRunning }

    /// Sends `signal` (SIGINT for Ctrl-C, SIGKILL for `kill -9`).
    public func send(_ signal: Int32) {
        child.send(signal)
    }

    /// Waits for the end, after reading everything it printed.
    public func wait() -> Result {
        child.wait()
    }

    /// Runs `mfae-lab arguments…` in `directory` to the end, with `input` on standard input.
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String?] = [:],
                           input: String? = nil) throws -> Result {
        try CLIProcess(arguments, in: directory, environment: environment, input: input).wait()
    }
}
