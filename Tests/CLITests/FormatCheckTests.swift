import Foundation
import Testing

/// The code follows `.swift-format`'s rules, so that `swift test` catches what CI's format check would.
@Suite("swift-format")
struct FormatCheckTests {
    @Test func theCodeFollowsTheSwiftFormatRules() throws {
        let script = LabTestFolder.experiments.deletingLastPathComponent().appendingPathComponent("scripts/format-check.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
