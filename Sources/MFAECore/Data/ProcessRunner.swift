import Foundation

/// Runs a command and collects what it prints, for the fetcher.
enum ProcessRunner {
    /// What a finished command returned.
    struct Outcome {
        /// The exit status (or the signal number when it was killed).
        var status: Int32
        /// Standard output and standard error, interleaved as printed.
        var output: String
        /// Whether it exited with status 0.
        var succeeded: Bool { status == 0 }
        /// The last `count` lines of ``output``, for error messages.
        func tail(_ count: Int = 5) -> String {
            output.split(separator: "\n").suffix(count).joined(separator: " | ")
        }
    }

    /// Runs `arguments[0]` (looked up on `PATH` through `/usr/bin/env`) with the other arguments.
    ///
    /// Standard output and error share one pipe that is read to the end *before* waiting, so a
    /// command that prints a lot cannot fill the pipe and deadlock.
    /// - Throws: the error of `Process.run()` when the command cannot be started.
    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }
}
