import Foundation
import MFAEProcess

/// A real HTTP server on 127.0.0.1 for the fetch tests: `Tests/Support/range_server.py` run with
/// `python3`, serving a folder with `Range` support, and told to misbehave when asked (cut the first
/// transfer of each file short, or never answer). Nothing it does leaves the machine.
///
/// ```swift
/// let server = try LocalHTTPServer(root: folder.url, behaviour: .truncateFirst(bytes: 1000))
/// defer { server.stop() }
/// // … fetch from server.base …
/// #expect(server.requests.contains("GET /ml-test.zip range=bytes=1000-"))
/// ```
public final class LocalHTTPServer: @unchecked Sendable {
    /// How the server behaves.
    public enum Behaviour: Sendable {
        /// Serves every file in full (or the range asked for).
        case normal
        /// The first plain request for each file announces the full length and sends only `bytes`.
        case truncateFirst(bytes: Int)
        /// Reads each request and never answers.
        case hang
        /// Sends each body in four pieces, `seconds` apart.
        case trickle(seconds: Double)
    }

    /// The script, found from this file's location in the source tree.
    public static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Support/range_server.py")

    /// `http://127.0.0.1:<port>/`.
    public let base: URL
    /// The port it listens on.
    public let port: Int
    private let server: ChildProcess
    private let collected: CollectedLines

    /// Starts the server on a free port and waits (up to 30 s) until it listens.
    /// - Throws: when `python3` cannot be started or the server does not say its port.
    public init(root: URL, behaviour: Behaviour = .normal) throws {
        var arguments = ["python3", Self.script.path, "--root", root.path]
        switch behaviour {
        case .normal: break
        case let .truncateFirst(bytes): arguments += ["--truncate-first", String(bytes)]
        case .hang: arguments.append("--hang")
        case let .trickle(seconds): arguments += ["--trickle", String(seconds)]
        }
        let collected = CollectedLines()
        self.collected = collected
        // The server stops when its standard input closes, so it never outlives the tests.
        server = try ChildProcess(executable: "/usr/bin/env", arguments: arguments, input: .open, errors: .discard,
                                  onOutputLine: { collected.append($0) })
        guard let port = collected.waitForPort(), let base = URL(string: "http://127.0.0.1:\(port)/") else {
            server.closeInput()
            server.send(SIGTERM)
            _ = server.wait()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the test server did not start"])
        }
        self.port = port
        self.base = base
    }

    /// The requests seen so far, as `GET /path range=bytes=N-` (`range=-` without a `Range` header).
    public var requests: [String] {
        collected.all.filter { $0.hasPrefix("GET ") }
    }

    /// Stops the server and waits for it to exit.
    public func stop() {
        server.closeInput()
        server.send(SIGTERM)
        _ = server.wait()
    }
}

/// Lines read from the server's output by the draining thread.
private final class CollectedLines: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []

    func append(_ line: String) {
        condition.withLock { lines.append(line); condition.broadcast() }
    }

    var all: [String] { condition.withLock { lines } }

    /// The port of the `PORT <n>` line, waiting up to 30 s for it.
    func waitForPort() -> Int? {
        let deadline = Date(timeIntervalSinceNow: 30)
        return condition.withLock {
            while true {
                if let line = lines.first(where: { $0.hasPrefix("PORT ") }) { return Int(line.dropFirst("PORT ".count)) }
                if !condition.wait(until: deadline) { return nil }
            }
        }
    }
}
