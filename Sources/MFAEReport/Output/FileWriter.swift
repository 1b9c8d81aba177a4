import Foundation

/// Writes files under a root folder, creating folders as needed and remembering what it wrote.
struct FileWriter {
    /// The output folder.
    let root: URL
    /// Paths written, relative to ``root``.
    private(set) var written: [String] = []

    init(root: URL) { self.root = root }

    /// The URL of `path` under the root.
    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes `text` as UTF-8 to `path`, atomically.
    mutating func write(_ text: String, to path: String) throws {
        let file = url(path)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw ReportError.writeFailed(path: file.path, reason: error.localizedDescription)
        }
        record(path)
    }

    /// Remembers a file written by someone else (gnuplot).
    mutating func record(_ path: String) { written.append(path) }
}
