import Foundation
import MFAEProcess
import Testing

/// The code follows `.swift-format`'s rules, so that `swift test` catches what CI's format check would.
@Suite("swift-format")
struct FormatCheckTests {
    @Test func theCodeFollowsTheSwiftFormatRules() throws {
        let script = LabTestFolder.experiments.deletingLastPathComponent().appendingPathComponent("scripts/format-check.sh")
        let result = try ChildProcess.run(executable: "/bin/bash", arguments: [script.path], errors: .mergedWithOutput)
        #expect(result.succeeded, "\(result.stdout)")
    }
}
