import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `mfae-lab` command: one subcommand per file in this folder.
///
/// Every failure is printed once, as `Error: …` on standard error, and ends the process with one of
/// the ``ExitStatus`` codes.
@main
struct MFAELabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfae-lab",
        abstract: "Train, sweep and report the matrix factorization autoencoder against classic latent MF.",
        discussion: ExitStatus.help,
        subcommands: [TrainCommand.self, DataCommand.self, BenchCommand.self, RunCommand.self, RunsCommand.self,
                      ShowCommand.self, SimilarCommand.self, ExportCommand.self, MergeCommand.self, ReportCommand.self,
                      DatabaseCommand.self]
    )

    /// Parses and runs the subcommand. A closed standard output must not kill the process before it
    /// has recorded its runs, so SIGPIPE is ignored and writes fail instead (see ``Console``).
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
