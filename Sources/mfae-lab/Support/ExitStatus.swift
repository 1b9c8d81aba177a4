import ArgumentParser

/// The exit statuses of every subcommand.
///
/// - 0: success.
/// - 1 (what ArgumentParser gives any error but a `ValidationError`): the command ran and something
///   failed: a missing or damaged file, a bad spec, data that cannot be read, a run that failed or
///   diverged.
/// - 64 (`EX_USAGE`, what ArgumentParser gives a `ValidationError`): the command line itself is
///   wrong: an unknown option, a value out of range, a combination of flags that does not go
///   together. Nothing was read or written.
/// - 130 (``interrupted``): stopped by Ctrl-C, SIGTERM, SIGHUP or a closed standard output; running
///   runs were marked interrupted and the next `run` finishes them.
enum ExitStatus {
    /// A failure found while running.
    static let failure = ExitCode.failure
    /// Stopped from outside.
    static let interrupted = ExitCode(130)

    /// The paragraph `mfae-lab --help` shows.
    static let help = """
        Errors are printed as "Error: …" on standard error. Exit status: 0 success; 1 a failure while \
        running (missing file, bad spec or data, a failed or diverged run); 64 a wrong command line; \
        130 interrupted (Ctrl-C, SIGTERM, SIGHUP, closed output; running runs are marked interrupted).
        """
}
