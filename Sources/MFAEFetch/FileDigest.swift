import Crypto
import Foundation

/// Hashes of files, read in 1 MB chunks so that a 240 MB zip is never held in memory.
public enum FileDigest {
    /// The MD5 of the file at `url`, in lowercase hex (what GroupLens publishes; not for security).
    public static func md5(of url: URL) throws -> String {
        var hasher = Insecure.MD5()
        try forEachChunk(of: url) { hasher.update(data: $0) }
        return hex(hasher.finalize())
    }

    /// The SHA-256 of the file at `url`, in lowercase hex (the fingerprints written beside the data).
    public static func sha256(of url: URL) throws -> String {
        var hasher = SHA256()
        try forEachChunk(of: url) { hasher.update(data: $0) }
        return hex(hasher.finalize())
    }

    /// Calls `body` with successive chunks of the file.
    private static func forEachChunk(of url: URL, _ body: (Data) -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            body(chunk)
        }
    }

    /// Lowercase hex of a digest's bytes.
    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
