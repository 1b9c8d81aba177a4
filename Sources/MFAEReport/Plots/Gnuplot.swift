import Foundation
import MFAECore
import MFAEFetch

/// The `gnuplot` program, found on `PATH`, which renders the report's scripts to SVG. Reports never
/// fail for want of it: scripts are always written, and a missing program only means a note.
public struct Gnuplot: Sendable {
    /// What one script's rendering printed and how it ended.
    public struct Outcome: Sendable, Equatable {
        /// The script file's name.
        public var script: String
        /// gnuplot's exit status; 0 when it succeeded.
        public var status: Int32
        /// What gnuplot printed on stdout and stderr (warnings, errors), trimmed.
        public var output: String

        /// Whether gnuplot exited with status 0.
        public var succeeded: Bool { status == 0 }
    }

    /// How to get gnuplot when it is missing.
    public static let installHint =
        "gnuplot was not found on PATH, so the plots were not rendered (their .gp scripts and .dat data are written). "
        + "Install it with `apt-get install gnuplot-nox` (Debian, Ubuntu) and run `mfae-lab report` again, "
        + "or run `gnuplot NAME.gp` inside each plots folder."

    /// The program.
    public var executable: URL

    /// gnuplot at `executable`.
    public init(executable: URL) { self.executable = executable }

    /// gnuplot from the first `PATH` entry that holds an executable `gnuplot`, or `nil`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Gnuplot? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// Runs `gnuplot <script>` with `directory` as working directory, so that the script's relative
    /// data and output paths resolve there. Both output streams go to one pipe that is drained before
    /// waiting, so a talkative gnuplot cannot block.
    /// - Throws: when the program cannot be started.
    public func render(script: String, in directory: URL) throws -> Outcome {
        let result = try ProcessRunner.run(executable: executable, arguments: [script], in: directory)
        return Outcome(script: script, status: result.status,
                       output: result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
