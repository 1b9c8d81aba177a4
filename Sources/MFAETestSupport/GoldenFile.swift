import Foundation

/// Golden files: expected outputs kept beside the tests. ``verify(_:against:)`` compares a
/// generated text with its golden file; with `RECORD_GOLDEN=1` in the environment it (re)writes
/// the file instead, so an intended change is recorded with
/// `RECORD_GOLDEN=1 swift test --filter …` and reviewed in the diff.
public enum GoldenFile {
    /// A mismatch between a generated text and its golden file.
    public struct Mismatch: Error, CustomStringConvertible {
        /// The golden file.
        public var path: String
        /// What differs, and how to re-record.
        public var description: String
    }

    /// Whether `RECORD_GOLDEN=1` is set, so golden files are rewritten rather than compared.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// The golden folder `Golden` beside the test file `filePath` (pass `#filePath`).
    public static func folder(besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Compares `actual` with the golden file at `url`, or records it when ``isRecording``.
    /// - Throws: ``Mismatch`` naming the first differing line, or when the file is missing.
    public static func verify(_ actual: String, against url: URL) throws {
        if isRecording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let hint = "re-record with RECORD_GOLDEN=1 swift test --filter MFAEReportTests if the change is intended"
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            throw Mismatch(path: url.path, description: "\(url.path): golden file missing; \(hint)")
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        let count = max(expectedLines.count, actualLines.count)
        var line = 0
        while line < count, line < expectedLines.count, line < actualLines.count, expectedLines[line] == actualLines[line] { line += 1 }
        let want = line < expectedLines.count ? expectedLines[line] : "<end of file>"
        let got = line < actualLines.count ? actualLines[line] : "<end of file>"
        throw Mismatch(path: url.path, description: """
            \(url.path):\(line + 1): generated text differs from the golden file
              expected: \(want)
              actual:   \(got)
            (\(hint))
            """)
    }
}
