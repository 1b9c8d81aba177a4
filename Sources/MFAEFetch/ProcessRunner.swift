import Foundation
import MFAEProcess

/// Runs a command and collects what it prints (the fetcher's pip, the report's gnuplot).
public enum ProcessRunner {
    /// What a finished command returned.
    public struct Outcome: Sendable {
        /// The exit status (or the signal number when it was killed).
        public var status: Int32
        /// Standard output and standard error, interleaved as printed.
        public var output: String
        /// Whether it exited with status 0.
        public var succeeded: Bool { status == 0 }
        /// The last `count` lines of ``output``, for error messages.
        public func tail(_ count: Int = 5) -> String {
            output.split(separator: "\n").suffix(count).joined(separator: " | ")
        }
    }

    /// Runs `arguments[0]` (looked up on `PATH` through `/usr/bin/env`) with the other arguments.
    /// - Throws: ``ProcessError`` when the command cannot be started.
    public static func run(_ arguments: [String]) throws -> Outcome {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments)
    }

    /// Runs `executable` with `arguments`, in `directory` when given, with standard output and error
    /// in one pipe (drained while it runs, so a command that prints a lot cannot deadlock).
    /// - Throws: ``ProcessError`` when the command cannot be started.
    public static func run(executable: URL, arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let result = try ChildProcess.run(executable: executable.path, arguments: arguments, in: directory,
                                          errors: .mergedWithOutput)
        return Outcome(status: result.status, output: result.stdout)
    }
}
