import Foundation
import MFAEProcess
import MFAETestSupport
import Testing

/// `scripts/study.sh` stopped by one Ctrl-C, as a terminal sends it: to the whole process group.
@Suite("scripts/study.sh, end to end")
struct StudyScriptTests {
    static let script = LabTestFolder.experiments.deletingLastPathComponent().appendingPathComponent("scripts/study.sh")

    @Test func oneCtrlCStopsTheStudyAndLeavesReportsAsTheyWere() throws {
        let folder = try LabTestFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.script, to: folder.url.appendingPathComponent("scripts/study.sh"))
        // The study's specs, each a slow synthetic grid under the name the script expects.
        let slow = try folder.text("slow.json")
        for name in ["notebook", "protocols", "mask_sweep", "k_sweep", "regularization_sweep", "normalization"] {
            try folder.write("Experiments/\(name).json",
                             slow.replacingOccurrences(of: "\"name\": \"slow\"", with: "\"name\": \"\(name)\""))
        }
        try folder.write("Reports/README.md", "committed reports\n")

        // ChildProcess starts the script in a process group of its own (checked below), so the Ctrl-C
        // sent to that group reaches the script and mfae-lab, as a terminal's would, and not the tests.
        let process = try ChildProcess(executable: "/bin/bash", arguments: ["scripts/study.sh", "--jobs", "2"],
                                       in: folder.url, environment: ["MFAE_LAB": CLIProcess.executable.path],
                                       output: .discard)
        let counts = try folder.waitFor { ($0["running"] ?? 0) >= 1 }
        #expect(counts["running", default: 0] >= 1, "\(counts)")
        let group = getpgid(process.pid)
        try #require(group == process.pid && group != getpgrp())
        kill(-group, SIGINT)
        let result = process.wait()
        let stderr = result.stderr

        #expect(result.status == 130 && !result.wasSignalled, "\(stderr)")
        #expect(stderr.contains("study interrupted"), "\(stderr)")
        #expect(try folder.text("Reports/README.md") == "committed reports\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("Reports").path) == ["README.md"])
        // No spec after the interrupted one started.
        let runs = try folder.runs()
        #expect(runs.count == 6 && runs.allSatisfy { $0["experiment"] as? String == "notebook" }, "\(runs.map { $0["experiment"] ?? "?" })")
        #expect(runs.allSatisfy { $0["status"] as? String != "running" })
    }
}
