import Foundation
import MFAEProcess
#if canImport(FoundationXML)
import FoundationXML
#endif
import MFAETestSupport
import Testing

@Suite("mfae-lab report", .serialized)
struct ReportCommandTests {
    func text(_ folder: LabTestFolder, _ path: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func reportsTheSmokeExperiment() throws {
        let folder = try LabTestFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        #expect(try folder.run("run", "smoke.json", "--jobs", "2").status == 0)

        let report = try folder.run("report", "--html")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("1 report(s) in Reports/"))
        for file in ["Reports/README.md", "Reports/index.html", "Reports/smoke/README.md", "Reports/smoke/index.html",
                     "Reports/smoke/plots/sensitivity-mask_fraction.gp", "Reports/smoke/plots/sensitivity-mask_fraction.dat",
                     "Reports/smoke/plots/learning-warm.gp", "Reports/smoke/plots/cost.gp"] {
            #expect(folder.exists(file), "\(file) missing")
        }
        let markdown = try text(folder, "Reports/smoke/README.md")
        for expected in ["# Experiment: smoke", "## Findings", "### Protocol: warm", "### Parameter: mask_fraction",
                         "## Learning curves", "## Cost", "## Item neighbours", "mfae-lab run smoke.json",
                         "mfae-lab report --html"] {
            #expect(markdown.contains(expected), "\(expected) missing")
        }
        _ = try XMLDocument(data: Data(try text(folder, "Reports/smoke/index.html").utf8), options: [])
        #expect(try text(folder, "Reports/README.md").contains("[smoke](smoke/README.md)"))

        // The same database gives the same Markdown (rendered alike).
        let again = try folder.run("report", "--html", "--out", "Again")
        #expect(again.status == 0, "\(again.stderr)")
        let regenerated = try text(folder, "Again/smoke/README.md")
        #expect(regenerated == markdown.replacingOccurrences(of: "mfae-lab report --html",
                                                              with: "mfae-lab report --out Again --html"))
    }

    @Test func failsClearly() throws {
        let folder = try LabTestFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        let missing = try folder.run("report")
        #expect(missing.status != 0 && missing.stderr.contains("no lab database at lab.sqlite"))
        #expect(try folder.run("run", "smoke.json", "--jobs", "2").status == 0)
        let unknown = try folder.run("report", "--experiment", "nope")
        #expect(unknown.status != 0 && unknown.stderr.contains("no experiment named \"nope\" (known: smoke)"))
    }

    @Test func withoutGnuplotTheReportIsStillWritten() throws {
        let folder = try LabTestFolder()
        defer { try? FileManager.default.removeItem(at: folder.url) }
        #expect(try folder.run("run", "smoke.json", "--jobs", "2").status == 0)
        // `env PATH=… mfae-lab report`: the executable by its full path, with no gnuplot to find.
        let result = try ChildProcess.run(executable: "/usr/bin/env",
                                          arguments: ["PATH=/nonexistent", CLIProcess.executable.path, "report"],
                                          in: folder.url, errors: .mergedWithOutput)
        let output = result.stdout
        #expect(result.succeeded, "\(output)")
        #expect(output.contains("apt-get install gnuplot-nox") && output.contains("plots not rendered"))
        #expect(folder.exists("Reports/smoke/plots/cost.gp") && !folder.exists("Reports/smoke/plots/cost.svg"))
        // The Markdown links no missing SVG and says how to render the plots.
        let markdown = try text(folder, "Reports/smoke/README.md")
        #expect(!markdown.contains(".svg)"), "\(markdown)")
        #expect(markdown.contains("Not rendered") && markdown.contains("gnuplot cost.gp"), "\(markdown)")
    }
}
