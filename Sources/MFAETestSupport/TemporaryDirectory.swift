import Foundation

/// A uniquely named folder under the system's temporary directory, for tests that write files.
///
/// ```swift
/// try TemporaryDirectory.with { folder in
///     try folder.write("userId,movieId,rating,timestamp\n1,2,3.5,0\n", to: "ratings.csv")
///     let set = try DatasetLoader.load(folder: folder.url, name: "fixture")
/// }
/// ```
/// ``with(prefix:_:)`` removes the folder when the body returns or throws; a folder made with
/// ``init(prefix:)`` is removed by ``remove()``. (No `deinit`: a value's lifetime may end before
/// the last use of its ``url``.)
public struct TemporaryDirectory: Sendable {
    /// The folder's location.
    public let url: URL

    /// Makes a new empty folder named `<prefix>-<UUID>`.
    public init(prefix: String = "mfae-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Runs `body` with a new folder and removes the folder afterwards.
    public static func with<T>(prefix: String = "mfae-test", _ body: (TemporaryDirectory) throws -> T) throws -> T {
        let folder = try TemporaryDirectory(prefix: prefix)
        defer { folder.remove() }
        return try body(folder)
    }

    /// Runs the async `body` with a new folder and removes the folder afterwards.
    public static func with<T>(prefix: String = "mfae-test",
                               _ body: (TemporaryDirectory) async throws -> T) async throws -> T {
        let folder = try TemporaryDirectory(prefix: prefix)
        defer { folder.remove() }
        return try await body(folder)
    }

    /// The location of `relativePath` inside the folder.
    public func url(for relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// Writes `text` as UTF-8 to `relativePath` (creating intermediate folders) and returns its location.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> URL {
        try write(bytes: Array(text.utf8), to: relativePath)
    }

    /// Writes raw `bytes` (for Latin-1 or malformed files) to `relativePath` and returns its location.
    @discardableResult
    public func write(bytes: [UInt8], to relativePath: String) throws -> URL {
        let file = url(for: relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Makes the folder `relativePath` (and its parents) inside this one and returns its location.
    @discardableResult
    public func makeFolder(_ relativePath: String) throws -> URL {
        let folder = url(for: relativePath)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Deletes the folder and everything in it; errors are ignored.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
