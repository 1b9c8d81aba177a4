import Foundation
import Testing

/// Foundation's `Process` is unsafe when many threads start programs at once, as the parallel tests do
/// (`Docs/subprocesses.md`): every program is started through `ChildProcess`, and this keeps it so.
@Suite("Spawn sites")
struct SpawnSitesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Process()` or `Pipe()` not preceded by a letter (`ChildProcess(`, `makePipe()` are fine).
    static let foundationSpawn = try? NSRegularExpression(pattern: "(?<![A-Za-z])(Process|Pipe)\\(\\)")

    @Test func noSourceOrTestStartsAProgramWithFoundationsProcess() throws {
        let pattern = try #require(Self.foundationSpawn)
        var offenders: [String] = []
        for folder in ["Sources", "Tests"] {
            let base = Self.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files where file.lastPathComponent != "SpawnSitesTests.swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                if pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    offenders.append(file.path.replacingOccurrences(of: Self.root.path + "/", with: ""))
                }
            }
        }
        #expect(offenders.isEmpty, "start programs with MFAEProcess.ChildProcess instead: \(offenders)")
    }
}
