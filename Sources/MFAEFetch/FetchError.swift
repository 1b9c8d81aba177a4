import Foundation

/// Errors of fetching a data set; each case names the data set, the URL or the file concerned and,
/// where the user can do something about it, what.
public enum FetchError: Error, Equatable, CustomStringConvertible {
    /// A name the catalogue does not know.
    case unknownDataset(name: String, known: [String])
    /// The server could not be reached at all (no network, no DNS, connection refused).
    case unreachable(url: String, reason: String, advice: String)
    /// The server answered with an HTTP status other than success.
    case httpStatus(url: String, status: Int)
    /// No byte arrived for `seconds`.
    case timedOut(url: String, seconds: Double)
    /// The transfer broke off, and retrying did not complete it.
    case interrupted(url: String, received: Int64, expected: Int64?, reason: String)
    /// The downloaded file does not have the expected checksum; the file was deleted.
    case checksumMismatch(file: String, algorithm: String, expected: String, actual: String, source: String)
    /// Two sources of the expected checksum disagree (the catalogue's and the published one).
    case conflictingChecksums(url: String, pinned: String, published: String)
    /// The unpacked files do not hold the number of ratings the data set has.
    case wrongRatingCount(name: String, expected: Int, found: Int)
    /// A step failed: unpacking, moving files into place, reading the unpacked files, running pip.
    case failed(name: String, step: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownDataset(name, known):
            return "cannot fetch \"\(name)\": the data sets that can be fetched are \(known.joined(separator: ", "))"
        case let .unreachable(url, reason, advice):
            return "cannot reach \(url): \(reason). \(advice)"
        case let .httpStatus(url, status):
            return "\(url): the server answered HTTP \(status)"
                + (status == 404 ? " (not found: is the name or the mirror right?)" : "")
        case let .timedOut(url, seconds):
            return "\(url): no answer for \(Self.format(seconds)) s; the server or the network is down. "
                + "Run the command again later: a partial download resumes where it stopped"
        case let .interrupted(url, received, expected, reason):
            let of = expected.map { " of \($0)" } ?? ""
            return "\(url): the transfer stopped after \(received)\(of) bytes (\(reason)). "
                + "Run the command again: it resumes where it stopped"
        case let .checksumMismatch(file, algorithm, expected, actual, source):
            return "\(file) has \(algorithm) \(actual), expected \(expected) (\(source)); "
                + "the download was deleted, nothing was unpacked"
        case let .conflictingChecksums(url, pinned, published):
            return "\(url) now publishes MD5 \(published), but this tool knows the file as \(pinned): "
                + "the file on the server changed; nothing was downloaded"
        case let .wrongRatingCount(name, expected, found):
            return "\(name): expected \(expected) ratings after unpacking, found \(found); nothing was kept"
        case let .failed(name, step, reason):
            return "fetching \(name) failed while \(step): \(reason)"
        }
    }

    /// `2` for 2.0, `2.5` for 2.5.
    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
