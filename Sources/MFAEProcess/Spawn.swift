import CProcessSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `posix_spawn` of a ``ChildProcess``: its pipes, its file actions and its attributes.
struct Spawn {
    /// The parent's ends of the pipes (nil where the stream is not a pipe) and the child's id.
    struct Started {
        var pid: Int32
        /// The write end of the child's standard input.
        var input: Int32?
        /// The read end of the child's standard output.
        var output: Int32?
        /// The read end of the child's standard error.
        var errors: Int32?
    }

    var executable: String
    var arguments: [String]
    var directory: String?
    var environment: [String: String]
    var input: ChildProcess.Input
    var output: ChildProcess.Output
    var errors: ChildProcess.ErrorOutput

    /// Makes the pipes, spawns the child and closes the child's ends here.
    /// - Throws: ``ProcessError`` (and closes whatever it opened).
    func start() throws -> Started {
        var opened: [Int32] = []
        defer { for descriptor in opened { _ = close(descriptor) } }
        func pipe() throws -> (read: Int32, write: Int32) {
            let ends = try makePipe()
            opened += [ends.read, ends.write]
            return ends
        }
        let inputPipe: (read: Int32, write: Int32)?
        if case .none = input { inputPipe = nil } else { inputPipe = try pipe() }
        let outputPipe = output == .capture ? try pipe() : nil
        let errorPipe = errors == .capture ? try pipe() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inputPipe {
            posix_spawn_file_actions_adddup2(&actions, inputPipe.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        if let outputPipe {
            posix_spawn_file_actions_adddup2(&actions, outputPipe.write, STDOUT_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        }
        switch errors {
        case .capture: posix_spawn_file_actions_adddup2(&actions, errorPipe?.write ?? -1, STDERR_FILENO)
        case .discard: posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        case .mergedWithOutput: posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        }
        // Whatever other threads opened without close-on-exec is not the child's business.
        mfae_spawn_file_actions_addclosefrom(&actions, 3)
        if let directory { mfae_spawn_file_actions_addchdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes,
                                 Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let code = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        guard code == 0 else {
            throw ProcessError.cannotStart(executable: executable, directory: directory,
                                           reason: String(cString: strerror(code)))
        }
        // The child's ends are closed by the deferred loop; the parent's ends are kept.
        let started = Started(pid: pid, input: inputPipe?.write, output: outputPipe?.read, errors: errorPipe?.read)
        opened.removeAll { [started.input, started.output, started.errors].contains($0) }
        if case .text = input, let descriptor = started.input {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        return started
    }

    /// A close-on-exec pipe whose ends are above the standard descriptors (a process started with
    /// a standard stream closed would otherwise get a pipe end as descriptor 0, 1 or 2).
    private func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard mfae_pipe_cloexec(&ends) == 0 else {
            throw ProcessError.cannotMakePipe(executable: executable, reason: String(cString: strerror(errno)))
        }
        for index in ends.indices where ends[index] <= STDERR_FILENO {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3)
            _ = close(ends[index])
            ends[index] = moved
        }
        guard ends.allSatisfy({ $0 > STDERR_FILENO }) else {
            for end in ends where end >= 0 { _ = close(end) }
            throw ProcessError.cannotMakePipe(executable: executable, reason: String(cString: strerror(errno)))
        }
        return (ends[0], ends[1])
    }
}

/// Calls `body` with a null-terminated C array of copies of `strings`, freed afterwards.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for copy in copies { free(copy) } }
    return body(copies)
}
