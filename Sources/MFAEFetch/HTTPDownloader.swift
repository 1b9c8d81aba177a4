import Foundation
import MFAECore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads a URL into a `.part` file with `URLSession`, resuming what an earlier attempt left with
/// an HTTP `Range` request, and giving up after ``idleTimeout`` seconds without a byte.
///
/// A transfer that breaks off after some progress is retried at once from where it stopped, up to
/// ``attempts`` tries in all; a server that cannot be reached, answers an error status or stays
/// silent fails at the first try. A server that ignores `Range` (status 200) is read from the start.
/// The `.part` file is left in place on failure, so that the next call resumes it.
public struct HTTPDownloader: Sendable {
    /// Seconds without receiving a byte (or an answer) before a try fails.
    public var idleTimeout: TimeInterval
    /// Tries in all for one download, the first included.
    public var attempts: Int

    /// A downloader with these limits (60 s without a byte; 4 tries).
    public init(idleTimeout: TimeInterval = 60, attempts: Int = 4) {
        self.idleTimeout = idleTimeout
        self.attempts = max(1, attempts)
    }

    /// What a finished download did.
    public struct Outcome: Sendable, Equatable {
        /// The file's size.
        public var bytes: Int64
        /// The offsets at which tries resumed with a `Range` request, in order (empty: one plain transfer).
        public var resumedAt: [Int64]
    }

    /// Downloads `url` into `part`, appending to what `part` already holds.
    ///
    /// - Parameters:
    ///   - progress: called from the transfer's thread, at most about ten times a second and once at the end.
    ///   - log: one line per resumed try.
    /// - Throws: ``FetchError/unreachable(url:reason:advice:)`` (with empty advice: the caller knows
    ///   what to advise), ``FetchError/httpStatus(url:status:)``, ``FetchError/timedOut(url:seconds:)``,
    ///   ``FetchError/interrupted(url:received:expected:reason:)``, ``FetchError/failed(name:step:reason:)``
    ///   when `part` cannot be written.
    @discardableResult
    public func download(_ url: URL, to part: URL, progress: @escaping @Sendable (DownloadProgress) -> Void,
                         log: (String) -> Void) throws -> Outcome {
        do {
            return try attemptDownload(url, to: part, progress: progress, log: log)
        } catch {
            if let size = try? Self.size(of: part), size == 0 { try? FileManager.default.removeItem(at: part) }
            throw error
        }
    }

    /// ``download(_:to:progress:log:)`` without the clean-up of an empty `.part`.
    private func attemptDownload(_ url: URL, to part: URL, progress: @escaping @Sendable (DownloadProgress) -> Void,
                                 log: (String) -> Void) throws -> Outcome {
        var resumedAt: [Int64] = []
        for attempt in 1 ... attempts {
            let offset = try prepare(part)
            if offset > 0 {
                resumedAt.append(offset)
                log("resuming \(url.lastPathComponent) at \(offset) bytes")
            }
            let transfer = Transfer(url: url, part: part, offset: offset, progress: progress)
            let result = try run(transfer)
            let size = (try? Self.size(of: part)) ?? 0
            switch result {
            case let .finished(total):
                if let total, size < total {
                    if attempt < attempts { continue }
                    throw FetchError.interrupted(url: url.absoluteString, received: size, expected: total,
                                                 reason: "the server closed the connection early")
                }
                return Outcome(bytes: size, resumedAt: resumedAt)
            case let .alreadyComplete(total):
                if size == total { return Outcome(bytes: size, resumedAt: resumedAt) }
                try? FileManager.default.removeItem(at: part)  // longer than the file: start again
            case let .failed(error, receivedThisTry):
                if receivedThisTry > 0, attempt < attempts, error.isRetryable { continue }
                throw error.fetchError(url: url, received: size, expected: transfer.total,
                                       idleTimeout: idleTimeout)
            }
        }
        throw FetchError.interrupted(url: url.absoluteString, received: (try? Self.size(of: part)) ?? 0,
                                     expected: nil, reason: "\(attempts) tries did not complete it")
    }

    /// Fetches a small resource (a checksum file) into memory.
    /// - Throws: as ``download(_:to:progress:log:)``, and ``FetchError/failed(name:step:reason:)`` when
    ///   the body exceeds `limit` bytes.
    public func fetchData(_ url: URL, limit: Int = 64 << 10) throws -> Data {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mfae-fetch-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(url.lastPathComponent)
        let single = HTTPDownloader(idleTimeout: idleTimeout, attempts: 1)
        try single.download(url, to: file, progress: { _ in }, log: { _ in })
        let data = (try? Data(contentsOf: file)) ?? Data()
        guard data.count <= limit else {
            throw FetchError.failed(name: url.lastPathComponent, step: "reading \(url.absoluteString)",
                                    reason: "\(data.count) bytes, more than the \(limit) expected")
        }
        return data
    }

    /// Creates `part` when missing and returns its size.
    private func prepare(_ part: URL) throws -> Int64 {
        let manager = FileManager.default
        if !manager.fileExists(atPath: part.path) {
            guard manager.createFile(atPath: part.path, contents: nil) else {
                throw FetchError.failed(name: part.lastPathComponent, step: "creating \(part.path)",
                                        reason: "the folder is missing or not writable")
            }
        }
        return try Self.size(of: part)
    }

    /// Runs one try to its end.
    private func run(_ transfer: Transfer) throws -> Transfer.Result {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        try transfer.openFile()
        var request = URLRequest(url: transfer.url, timeoutInterval: idleTimeout)
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        if transfer.offset > 0 { request.setValue("bytes=\(transfer.offset)-", forHTTPHeaderField: "Range") }
        session.dataTask(with: request).resume()
        transfer.done.wait()
        transfer.closeFile()
        return transfer.result ?? .failed(.other("the transfer ended without a result"), receivedThisTry: 0)
    }

    /// The size of the file at `url`.
    static func size(of url: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// Why one try failed, before it becomes a ``FetchError``.
private enum TransferFailure: Error {
    case status(Int)
    case url(URLError)
    case write(String)
    case other(String)

    /// Whether trying again from where it stopped can help.
    var isRetryable: Bool {
        switch self {
        case .status, .write: return false
        case .url, .other: return true
        }
    }

    /// The error to report.
    func fetchError(url: URL, received: Int64, expected: Int64?, idleTimeout: TimeInterval) -> FetchError {
        let address = url.absoluteString
        switch self {
        case let .status(status):
            return .httpStatus(url: address, status: status)
        case let .write(reason):
            return .failed(name: url.lastPathComponent, step: "writing the download", reason: reason)
        case let .other(reason):
            return .interrupted(url: address, received: received, expected: expected, reason: reason)
        case let .url(error):
            let reason = (error.userInfo[NSLocalizedDescriptionKey] as? String) ?? "URL error \(error.code.rawValue)"
            switch error.code {
            case .timedOut:
                return .timedOut(url: address, seconds: idleTimeout)
            case .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
                 .internationalRoamingOff, .dataNotAllowed, .secureConnectionFailed,
                 .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
                 .serverCertificateHasUnknownRoot, .cannotLoadFromNetwork:
                return .unreachable(url: address, reason: reason, advice: "")
            default:
                return received == 0 && expected == nil
                    ? .unreachable(url: address, reason: reason, advice: "")
                    : .interrupted(url: address, received: received, expected: expected, reason: reason)
            }
        }
    }
}

/// One try: the `URLSession` delegate that appends what arrives to the `.part` file.
///
/// Its state is touched by the session's serial delegate queue while the caller waits on ``done``,
/// and read by the caller only after ``done`` is signalled.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// How a try ended.
    enum Result {
        /// The body was read to its end; `total` is the full file size when the server said.
        case finished(total: Int64?)
        /// The server answered 416 to a range starting at the end of a file of `total` bytes.
        case alreadyComplete(total: Int64)
        /// It failed after receiving `receivedThisTry` bytes.
        case failed(TransferFailure, receivedThisTry: Int64)
    }

    let url: URL
    let part: URL
    /// Where the try started (the `.part` file's size); 0 after a server ignored the range.
    private(set) var offset: Int64
    let progress: @Sendable (DownloadProgress) -> Void
    let done = DispatchSemaphore(value: 0)
    private(set) var result: Result?
    /// The full file size, once the server has said.
    private(set) var total: Int64?
    private var handle: FileHandle?
    private var received: Int64 = 0
    private var failure: TransferFailure?
    private var pendingTotalFromRange: Int64?
    private let started = Date()
    private var lastReport = Date.distantPast

    init(url: URL, part: URL, offset: Int64, progress: @escaping @Sendable (DownloadProgress) -> Void) {
        self.url = url; self.part = part; self.offset = offset; self.progress = progress
    }

    /// Opens the `.part` file for appending.
    func openFile() throws {
        do {
            let handle = try FileHandle(forWritingTo: part)
            try handle.seekToEnd()
            self.handle = handle
        } catch {
            throw FetchError.failed(name: part.lastPathComponent, step: "opening \(part.path)",
                                    reason: "\(DatasetError.describe(error))")
        }
    }

    /// Closes the `.part` file.
    func closeFile() {
        try? handle?.close()
        handle = nil
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            failure = .other("not an HTTP response")
            return completionHandler(.cancel)
        }
        let length: Int64? = http.expectedContentLength >= 0 ? http.expectedContentLength : nil
        switch http.statusCode {
        case 206:
            let range = http.value(forHTTPHeaderField: "Content-Range").flatMap(ContentRange.init)
            guard let range, range.start == offset else {
                failure = .other("the server resumed at another offset than \(offset)")
                return completionHandler(.cancel)
            }
            total = range.total ?? length.map { offset + $0 }
        case 200:
            if offset > 0 {  // the server ignored the range: start again from byte 0
                do {
                    try handle?.truncate(atOffset: 0)
                } catch {
                    failure = .write(DatasetError.describe(error))
                    return completionHandler(.cancel)
                }
                offset = 0
            }
            total = length
        case 416:
            pendingTotalFromRange = http.value(forHTTPHeaderField: "Content-Range").flatMap(ContentRange.init)?.total
            return completionHandler(.cancel)
        default:
            failure = .status(http.statusCode)
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil, let handle else { return }
        do {
            try handle.write(contentsOf: data)
        } catch {
            failure = .write(DatasetError.describe(error))
            dataTask.cancel()
            return
        }
        received += Int64(data.count)
        let now = Date()
        if now.timeIntervalSince(lastReport) >= 0.1 {
            lastReport = now
            report(finished: false)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let failure {
            result = .failed(failure, receivedThisTry: received)
        } else if let total = pendingTotalFromRange {
            result = .alreadyComplete(total: total)
        } else if let error = error as? URLError {
            result = .failed(.url(error), receivedThisTry: received)
        } else if let error {
            result = .failed(.other(DatasetError.describe(error)), receivedThisTry: received)
        } else {
            result = .finished(total: total)
        }
        if received > 0 { report(finished: true) }
        done.signal()
    }

    /// Tells the caller how far the file has got.
    private func report(finished: Bool) {
        let seconds = Date().timeIntervalSince(started)
        progress(DownloadProgress(fileName: url.lastPathComponent, bytes: offset + received, total: total,
                                  bytesPerSecond: seconds > 0 ? Double(received) / seconds : 0,
                                  isFinished: finished))
    }
}

/// A `Content-Range: bytes start-end/total` header (`total` may be `*`); also `bytes */total`.
private struct ContentRange {
    var start: Int64?
    var total: Int64?

    init?(_ header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes ") else { return nil }
        let parts = text.dropFirst("bytes ".count).split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        start = parts[0] == "*" ? nil : parts[0].split(separator: "-").first.flatMap { Int64($0) }
        total = Int64(parts[1])
    }
}
