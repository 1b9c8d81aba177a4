import Foundation
import MFAEProcess
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Starting programs: streams, status, signals, process groups, inherited descriptors, and many
/// programs started at once from many threads (what the parallel tests do).
@Suite("Child processes")
struct ChildProcessTests {
    /// `/bin/sh -c script`, run to its end.
    func shell(_ script: String, input: ChildProcess.Input = .none, errors: ChildProcess.ErrorOutput = .capture,
               environment: [String: String?] = [:]) throws -> ChildProcess.Result {
        try ChildProcess.run(executable: "/bin/sh", arguments: ["-c", script], environment: environment, input: input,
                             errors: errors)
    }

    @Test func theStatusAndBothStreamsAreKeptApart() throws {
        let result = try shell("echo out; echo err >&2; exit 3")
        #expect(result.status == 3 && !result.wasSignalled)
        #expect(result.stdout == "out\n" && result.stderr == "err\n")
        #expect(!result.succeeded)
    }

    @Test func mergedErrorsFollowTheOutputInOrder() throws {
        let result = try shell("echo one; echo two >&2; echo three", errors: .mergedWithOutput)
        #expect(result.stdout == "one\ntwo\nthree\n" && result.stderr.isEmpty && result.succeeded)
    }

    @Test func aLargeInputAndOutputPassWithoutDeadlock() throws {
        // Far more than a pipe holds (64 KiB) in both directions at once.
        let text = String(repeating: "0123456789abcdef\n", count: 60_000)
        let result = try ChildProcess.run(executable: "/bin/cat", input: .text(text))
        #expect(result.succeeded && result.stdout == text)
    }

    @Test func aChildThatIgnoresItsInputDoesNotHurtTheWriter() throws {
        let result = try shell("exec 0<&-; echo done", input: .text(String(repeating: "x", count: 1 << 20)))
        #expect(result.succeeded && result.stdout == "done\n")
    }

    @Test func theEnvironmentIsChangedAndVariablesRemoved() throws {
        let result = try shell(#"echo "$MFAE_PROCESS_TEST/${HOME-unset}""#,
                               environment: ["MFAE_PROCESS_TEST": "set", "HOME": nil])
        #expect(result.stdout == "set/unset\n")
    }

    @Test func theWorkingDirectoryIsTheOneGiven() throws {
        let folder = URL(fileURLWithPath: "/usr/bin")
        let result = try ChildProcess.run(executable: "/bin/pwd", in: folder)
        #expect(result.stdout == "/usr/bin\n")
    }

    @Test func aMissingProgramOrFolderIsAnError() {
        #expect(throws: ProcessError.self) { try ChildProcess.run(executable: "/nonexistent/program") }
        #expect(throws: ProcessError.self) {
            try ChildProcess.run(executable: "/bin/true", in: URL(fileURLWithPath: "/nonexistent/folder"))
        }
    }

    @Test func aSignalEndsTheChildAndIsReported() throws {
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["30"])
        // Its own process group, so a signal to that group never reaches the tests.
        #expect(getpgid(child.pid) == child.pid && child.pid != getpgrp())
        child.send(SIGKILL)
        let result = child.wait()
        #expect(result.wasSignalled && result.status == SIGKILL)
        #expect(!child.isRunning)
        child.send(SIGKILL)  // reaped: nothing is sent to an id that may have been reused
    }

    @Test func signalsTheTestsIgnoreOrBlockAreDefaultInTheChild() throws {
        // SIGPIPE: the child of a process that ignores it would see EPIPE instead of dying.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let result = try shell("kill -PIPE $$; echo survived")
        #expect(result.wasSignalled && result.status == SIGPIPE, "\(result)")
    }

    @Test func theChildInheritsNoOtherDescriptor() throws {
        // A descriptor opened here without close-on-exec, as a library might.
        let descriptor = open("/dev/null", O_RDONLY)
        try #require(descriptor > 2)
        defer { close(descriptor) }
        let result = try shell("if [ -e /proc/self/fd/\(descriptor) ]; then echo inherited; else echo closed; fi")
        #expect(result.stdout == "closed\n")
    }

    @Test func anOpenInputStaysOpenUntilClosedAndLinesArriveAsPrinted() throws {
        let lines = Lines()
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "echo one; echo two; cat"], input: .open,
                                     onOutputLine: { lines.append($0) })
        #expect(lines.waitForCount(2) == ["one", "two"])
        #expect(child.isRunning)  // `cat` still waits for its input
        child.closeInput()
        let result = child.wait()
        #expect(result.succeeded && result.stdout == "one\ntwo\n")
    }

    @Test func manyThreadsStartingProgramsAtOnceEachGetTheirOwnOutput() throws {
        // The pattern that crashed the test process with Foundation's Process: programs started and
        // drained concurrently from many threads, some fed input, some killed.
        let failures = Lines()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0 ..< 12 {
                let tag = "\(thread)-\(round)"
                do {
                    switch round % 3 {
                    case 0:
                        let result = try ChildProcess.run(executable: "/bin/echo", arguments: [tag])
                        if result.stdout != "\(tag)\n" { failures.append("echo \(tag): \(result)") }
                    case 1:
                        let result = try ChildProcess.run(executable: "/bin/cat", input: .text(tag))
                        if result.stdout != tag { failures.append("cat \(tag): \(result)") }
                    default:
                        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["30"])
                        child.send(SIGTERM)
                        let result = child.wait()
                        if !(result.wasSignalled && result.status == SIGTERM) { failures.append("sleep \(tag): \(result)") }
                    }
                } catch {
                    failures.append("\(tag): \(error)")
                }
            }
        }
        #expect(failures.waitForCount(0).isEmpty)
    }
}

/// Lines collected from other threads.
private final class Lines: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []

    func append(_ line: String) {
        condition.withLock { lines.append(line); condition.broadcast() }
    }

    /// The lines once there are at least `count` (or after 30 s).
    func waitForCount(_ count: Int) -> [String] {
        let deadline = Date(timeIntervalSinceNow: 30)
        return condition.withLock {
            while lines.count < count, condition.wait(until: deadline) {}
            return lines
        }
    }
}
