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

    /// Removes `.gp`, `.dat` and `.svg` files left in a plots folder by an earlier report, so a plot
    /// that is no longer produced does not linger.
    func removeGeneratedPlots(in folder: String) throws {
        let directory = url(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasSuffix(".gp") || name.hasSuffix(".dat") || name.hasSuffix(".svg") {
            do {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            } catch {
                throw ReportError.writeFailed(path: directory.appendingPathComponent(name).path, reason: error.localizedDescription)
            }
        }
    }
}
