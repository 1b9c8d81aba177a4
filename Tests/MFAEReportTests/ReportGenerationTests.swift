import Foundation
import MFAECore
import MFAETestSupport
import Testing
@testable import MFAEReport

/// Report generation on the in-memory fixture: golden Markdown, determinism, files written, and the
/// analyses' key choices.
@Suite struct ReportGenerationTests {
    static let golden = GoldenFile.folder(besides: #filePath)
    static let options = ReportOptions(writesHTML: true, reportCommand: "mfae-lab report --db runs.sqlite --html")

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func markdownMatchesGoldenFiles() throws {
        let reports = try ReportGenerator(source: ReportFixture.source, options: Self.options, gnuplot: nil).makeReports()
        #expect(reports.map(\.folder) == ["baselines-only", "mask-sweep"])
        for (folder, report) in reports {
            try GoldenFile.verify(report.markdown, against: Self.golden.appendingPathComponent("\(folder).md"))
            let plots = report.plots.map { "==> \($0.scriptFile) <==\n\($0.script)\n==> \($0.dataFile) <==\n\($0.data)" }
            try GoldenFile.verify(plots.joined(separator: "\n"), against: Self.golden.appendingPathComponent("\(folder)-plots.txt"))
        }
        let index = MarkdownRenderer.render(ReportIndex.document(reports, options: Self.options))
        try GoldenFile.verify(index, against: Self.golden.appendingPathComponent("index.md"))
    }

    @Test func sameStoreGivesByteIdenticalFiles() throws {
        let first = try temporaryFolder()
        let second = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        var options = Self.options
        options.rendersPlots = false
        let summary = try ReportGenerator(source: ReportFixture.source, options: options, gnuplot: nil).write(to: first)
        // The same runs listed in another order must not change a byte.
        var shuffled = ReportFixture.source
        shuffled.entries.reverse()
        for index in shuffled.entries.indices { shuffled.entries[index].runs.reverse() }
        let again = try ReportGenerator(source: shuffled, options: options, gnuplot: nil).write(to: second)
        #expect(summary.files == again.files)
        #expect(summary.files.contains("mask-sweep/README.md"))
        #expect(summary.files.contains("mask-sweep/plots/sensitivity-mask_fraction.gp"))
        #expect(summary.files.contains("mask-sweep/plots/learning-warm.dat"))
        #expect(summary.files.contains("README.md") && summary.files.contains("index.html"))
        for file in summary.files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between two generations")
        }
    }

    @Test func missingGnuplotIsANoteNotAFailure() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var messages: [String] = []
        let summary = try ReportGenerator(source: ReportFixture.source, options: Self.options, gnuplot: nil)
            .write(to: folder) { messages.append($0) }
        #expect(summary.isGnuplotMissing)
        #expect(summary.renderedPlots == 0)
        #expect(messages.contains { $0.contains("apt-get install gnuplot-nox") })
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("mask-sweep/plots/cost.gp").path))
        let html = try String(contentsOf: folder.appendingPathComponent("mask-sweep/index.html"), encoding: .utf8)
        #expect(html.contains("This plot was not rendered"))
    }

    @Test func unknownExperimentIsAnError() {
        let options = ReportOptions(experimentNames: ["nope"])
        #expect(throws: ReportError.unknownExperiment(name: "nope", known: ["baselines only", "mask-sweep"])) {
            try ReportGenerator(source: ReportFixture.source, options: options, gnuplot: nil).makeReports()
        }
    }

    @Test func chosenExperimentsOnly() throws {
        let options = ReportOptions(experimentNames: ["mask-sweep"])
        let reports = try ReportGenerator(source: ReportFixture.source, options: options, gnuplot: nil).makeReports()
        #expect(reports.map(\.folder) == ["mask-sweep"])
    }

    @Test func bestConfigurationIsChosenOnValidationNotTest() throws {
        // Two MF configurations: k=5 has the better test RMSE but the worse validation RMSE.
        var runs: [ReportRun] = []
        for seed in UInt64(1)...3 {
            runs.append(ReportFixture.run(ReportFixture.configuration(.mf, .warm, seed: seed, k: 5), base: 0.80, validOffset: 0.2))
            runs.append(ReportFixture.run(ReportFixture.configuration(.mf, .warm, seed: seed, k: 10), base: 0.90, validOffset: 0))
        }
        let analysis = ExperimentAnalysis(experiment: ReportFixture.maskSweep.experiment, runs: runs, itemTitles: nil)
        let best = try #require(analysis.bestGroup(of: .mf, in: .warm))
        #expect(best.configuration.k == 10)
        #expect(best.seeds == [1, 2, 3])
        #expect(analysis.sweptParameters(of: .mf) == [.k])
    }

    @Test func headlineVerdicts() throws {
        let entry = ReportFixture.maskSweep
        let analysis = ExperimentAnalysis(experiment: entry.experiment, runs: entry.runs, itemTitles: entry.itemTitles)
        let headlines = HeadlineComparison.make(analysis)
        #expect(headlines.map(\.evaluationProtocol) == [.warm, .heldout])
        let warm = try #require(headlines.first?.autoencoderVersusMF)
        #expect(warm.seeds == [1, 2, 3, 4, 5, 6])
        #expect(warm.verdict == .firstBetter)
        #expect(warm.wilcoxon != nil)
        #expect(warm.first.configuration.maskFraction == 0.5 && warm.first.configuration.k == 10)
        let heldout = try #require(headlines.last?.autoencoderVersusMF)
        #expect(heldout.seeds == [1, 2, 3])
        #expect(heldout.wilcoxon == nil)
        // The failed and diverged runs are counted but never enter a statistic.
        #expect(analysis.runs.count == entry.runs.count)
        #expect(analysis.groups.allSatisfy { group in group.runs.allSatisfy { $0.status == .done } })
    }

    @Test func neighboursOfTheProbe() throws {
        let entry = ReportFixture.maskSweep
        let analysis = ExperimentAnalysis(experiment: entry.experiment, runs: entry.runs, itemTitles: entry.itemTitles)
        guard case let .found(title, item, lists) = NeighbourComparison.make(analysis, probe: "star trek: GENERATIONS") else {
            Issue.record("the probe should be found")
            return
        }
        #expect(title == "Star Trek: Generations (1994)" && item == 1)
        #expect(lists.map(\.model) == [.mfae, .mf])
        for list in lists {
            #expect(list.euclidean.count == 10 && list.cosine.count == 10)
            #expect(!list.euclidean.contains { $0.item == 1 })
            #expect(Set(list.euclidean.prefix(3).map(\.item)) == [2, 4, 9])
            #expect(Set(list.cosine.prefix(3).map(\.item)) == [2, 4, 9])
            #expect(list.euclidean.map(\.score) == list.euclidean.map(\.score).sorted())
        }
        guard case .probeNotFound("Solaris") = NeighbourComparison.make(analysis, probe: "Solaris") else {
            Issue.record("an absent probe is reported as such")
            return
        }
    }

    @Test func nearestByHand() {
        // Items at (0,0), (3,4), (1,0), (0,2): from item 0, distances 5, 1, 2.
        let parameters = ItemParameters(k: 2, biases: [0, 0, 0, 0], vectors: [0, 0, 3, 4, 1, 0, 0, 2])
        let fromOrigin = ProbeNeighbours.nearest(to: 0, in: parameters, titles: ["a", "b", "c", "d"], count: 2)
        #expect(fromOrigin.euclidean.map(\.item) == [2, 3])
        #expect(fromOrigin.euclidean.map(\.score) == [1, 2])
        #expect(fromOrigin.euclidean.map(\.title) == ["c", "d"])
        // From item 2 at (1,0): cosine with (3,4) is 0.6, with (0,2) and (0,0) it is 0 (ties by index).
        let fromC = ProbeNeighbours.nearest(to: 2, in: parameters, titles: ["a", "b", "c", "d"], count: 3)
        #expect(fromC.cosine.map(\.item) == [1, 0, 3])
        #expect(abs(fromC.cosine[0].score - 0.6) < 1e-12)
        // Titles shorter than the tables: items without a title are left out.
        #expect(ProbeNeighbours.nearest(to: 0, in: parameters, titles: ["a", "b", "c"]).euclidean.map(\.item) == [2, 1])
    }

    @Test func sensitivityAxes() {
        func axis(_ parameter: ConfigurationKey, _ values: [ParameterValue]) -> ParameterSensitivity.Axis {
            ParameterSensitivity(parameter: parameter, values: values, series: [], maskingComparisons: []).axis
        }
        #expect(axis(.k, [.integer(5), .integer(10)]) == .linear)
        #expect(axis(.k, [.integer(1), .integer(10), .integer(50)]) == .logarithmic)
        #expect(axis(.learningRate, [.float(0.001), .float(0.01), .float(0.1)]) == .logarithmic)
        #expect(axis(.cVector, [.float(0), .float(1e-6), .float(1e-2)]) == .categorical)
        #expect(axis(.maskFraction, [.float(0), .float(0.5), .float(0.9)]) == .linear)
        #expect(axis(.normalize, [.option("all", rank: 0), .option("kept", rank: 1)]) == .categorical)
        #expect(ParameterValue.float(0).label == "0" && ParameterValue.float(1e-6).label == "1e-06")
    }

    @Test func longRunKeysAreShortened() {
        let key = String(repeating: "ab12", count: 16)
        #expect(ReportRun(id: key, status: .done, configuration: TrainingConfiguration()).shortID == "ab12ab12ab12")
        #expect(ReportRun(id: "mfae-warm-s1", status: .done, configuration: TrainingConfiguration()).shortID == "mfae-warm-s1")
    }

    @Test func folderNamesAreSafe() {
        #expect(ReportGenerator.folderName(for: "mask sweep/v2") == "mask-sweep-v2")
        #expect(ReportGenerator.folderName(for: ".hidden") == "experiment-.hidden")
        #expect(ReportGenerator.folderName(for: "") == "experiment-")
    }
}
