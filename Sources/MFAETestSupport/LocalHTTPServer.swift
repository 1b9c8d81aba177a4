import Foundation

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
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let collected = CollectedLines()

    /// Starts the server on a free port and waits (up to 30 s) until it listens.
    /// - Throws: when `python3` cannot be started or the server does not say its port.
    public init(root: URL, behaviour: Behaviour = .normal) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Self.script.path, "--root", root.path]
        switch behaviour {
        case .normal: break
        case let .truncateFirst(bytes): arguments += ["--truncate-first", String(bytes)]
        case .hang: arguments.append("--hang")
        case let .trickle(seconds): arguments += ["--trickle", String(seconds)]
        }
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = DispatchSemaphore(value: 0)
        let reader = output.fileHandleForReading
        let collected = self.collected
        Thread {
            var buffer = Data()
            var signalled = false
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex ..< newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex ... newline)
                    collected.append(line)
                    if !signalled, line.hasPrefix("PORT ") { signalled = true; ready.signal() }
                }
            }
            if !signalled { ready.signal() }
        }.start()
        _ = ready.wait(timeout: .now() + 30)
        let portLine = collected.all.first { $0.hasPrefix("PORT ") }
        guard let portLine, let port = Int(portLine.dropFirst("PORT ".count)),
              let base = URL(string: "http://127.0.0.1:\(port)/") else {
            process.terminate()
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
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Lines read from the server's output by the reader thread.
private final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
