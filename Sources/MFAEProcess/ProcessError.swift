/// Errors of starting a child process; each case names the program and what went wrong.
public enum ProcessError: Error, Equatable, CustomStringConvertible {
    /// `posix_spawn` refused: the program is missing or not executable, the working directory is
    /// missing, or the system is out of processes.
    case cannotStart(executable: String, directory: String?, reason: String)
    /// A pipe to or from the child could not be made (too many open files).
    case cannotMakePipe(executable: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotStart(executable, directory, reason):
            return "cannot start \(executable)" + (directory.map { " in \($0)" } ?? "") + ": \(reason)"
        case let .cannotMakePipe(executable, reason):
            return "cannot make a pipe for \(executable): \(reason)"
        }
    }
}
