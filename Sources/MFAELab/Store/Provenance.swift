import Foundation
import MFAEProcess
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who ran a run: the tool's version, the source revision, the host and the process. While a run is
/// `running`, its provenance names its owner; a heartbeat shows the owner is still alive.
public struct Provenance: Sendable, Equatable, Codable {
    /// The runner's build: ``LabVersion/build`` (version, debug or release, resolved dependencies).
    public var toolVersion: String
    /// `git rev-parse --short HEAD` where the runner started, if that worked.
    public var gitRevision: String?
    /// `ProcessInfo.processInfo.hostName`.
    public var host: String
    /// The runner's process id.
    public var pid: Int32
    /// A random token unique to one runner, so that two runners in one process are told apart.
    public var token: String

    /// Assembles a provenance.
    public init(toolVersion: String = LabVersion.build, gitRevision: String?, host: String, pid: Int32,
                token: String = UUID().uuidString) {
        self.toolVersion = toolVersion; self.gitRevision = gitRevision; self.host = host
        self.pid = pid; self.token = token
    }

    /// This process, with the git revision of the current directory when there is one.
    public static func current() -> Provenance {
        Provenance(gitRevision: LabVersion.gitRevision(), host: ProcessInfo.processInfo.hostName,
                   pid: ProcessInfo.processInfo.processIdentifier)
    }

    /// Whether the owner of a `running` run still runs it: its heartbeat is recent and, when it runs
    /// on this host, its process exists. A run whose owner is not alive is redone.
    func isAlive(heartbeat: Date?, now: Date, staleAfter: TimeInterval) -> Bool {
        guard let heartbeat, now.timeIntervalSince(heartbeat) < staleAfter else { return false }
        if host == ProcessInfo.processInfo.hostName {
            if pid == ProcessInfo.processInfo.processIdentifier { return true }
            return kill(pid, 0) == 0 || errno == EPERM
        }
        return true
    }
}

/// The tool's version and the source revision, recorded with every run.
public enum LabVersion {
    /// The version of `mfae-lab` (bumped by hand with each release).
    public static let tool = "0.1.0"

    /// `git rev-parse --short HEAD` in the current directory, or nil when git or a repository is missing.
    public static func gitRevision() -> String? {
        let arguments = ["git", "rev-parse", "--short", "HEAD"]
        guard let result = try? ChildProcess.run(executable: "/usr/bin/env", arguments: arguments, errors: .discard),
              result.succeeded else { return nil }
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
