import Foundation
import MFAECore
import MFAELab
import MFAETestSupport
import Testing
@testable import MFAEReport

/// The search's report: a small audited search run by the lab's search runner into an in-memory
/// store, with a deterministic stand-in for the trainer (curves and seconds are functions of the
/// configuration, so the golden files hold on any machine), read back through the store adapter.
@Suite struct SearchReportTests {
    static let golden = GoldenFile.folder(besides: #filePath)

    static let specText = """
    {"name": "tiny-search", "description": "Both models tuned with the same budget, then compared on fresh seeds.",
     "dataset": {"synthetic": {"users": 40, "items": 20, "ratings": 480}},
     "base": {"epochs": 8, "patience": 3},
     "search": {"sampler": "tpe", "trials": 12, "seed": 12, "protocols": ["warm"], "wave_size": 4, "startup_trials": 4,
                "pruner": {"kind": "successive_halving", "min_epochs": 2, "reduction_factor": 2, "audit": true},
                "final_seeds": [10, 11, 12, 13, 14, 15]},
     "models": [
       {"model": "mfae", "space": {"k": {"choice": [2, 4, 8]}, "lr": {"log_uniform": [1e-3, 1e-1]},
                                   "normalize": {"choice": ["all", "kept"]}}},
       {"model": "mf", "space": {"k": {"choice": [2, 4, 8]}, "lr": {"log_uniform": [1e-3, 1e-1]}}}
     ]}
    """

    static let data: RatingSet = Fixtures.planted(users: 40, items: 20, perUser: 12)

    /// Pseudo-noise in [-0.5, 0.5) from a seed and a salt.
    static func noise(_ seed: UInt64, _ salt: UInt64) -> Double {
        var generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ salt)
        return Double(generator.next() >> 11) / 9_007_199_254_740_992.0 - 0.5
    }

    /// The validation RMSE a configuration converges to: the autoencoder prefers the largest k and
    /// a learning rate near 0.05, MF k = 4 and a learning rate near 0.01.
    static func floor(_ c: TrainingConfiguration) -> Double {
        let lr = log10(Double(c.learningRate))
        switch c.model {
        case .mfae:
            return 0.90 + 0.03 * (lr + 1.3) * (lr + 1.3) + 0.01 * Double(8 - c.k) / 6 + (c.normalize == .all ? 0.004 : 0)
        default:
            return 0.91 + 0.03 * (lr + 2) * (lr + 2) + 0.03 * Double(abs(c.k - 4)) / 2
        }
    }

    /// Curves `floor + 0.4 / epoch` (plus a slow start for some), 0.01·k seconds per epoch and 0.002 per validation;
    /// test RMSE the floor plus a per-seed split effect shared by both models, plus a little noise.
    static let train: TrainFunction = { c, data, isCancelled, observer in
        let floor = floor(c)
        // The autoencoder's best learning rates start slowly (worse for four epochs), so pruning may
        // drop the trial that would have won: the audited search then has a second winner to re-run.
        let slowness = c.model == .mfae && c.learningRate > 0.03 ? 0.2 : 0.01 * noise(UInt64(c.k), UInt64(c.learningRate.bitPattern))
        observer(.started(epochs: c.epochs, trainRatings: data.count))
        var records: [EpochRecord] = []
        for epoch in 1 ... c.epochs {
            if isCancelled() { throw TrainingError.cancelled }
            let rmse = floor + 0.4 / Double(epoch) + (epoch <= 4 ? slowness : 0)
            let record = try JSONValue.object([
                "epoch": .number(Double(epoch)), "trainLoss": .number(rmse * rmse), "trainMSE": .number(rmse * rmse),
                "valid": try JSONValue.of(metrics(rmse)), "seconds": .number(0.01 * Double(c.k)), "validationSeconds": .number(0.002),
            ]).decode(EpochRecord.self)
            records.append(record)
            observer(.epochEnded(record))
        }
        let split = 0.02 * noise(c.seed, 1)
        let test = floor + 0.4 / Double(c.epochs) + split + 0.004 * noise(c.seed, c.model == .mfae ? 2 : 3)
        return try JSONValue.object([
            "configuration": try JSONValue.of(c), "bestEpoch": .number(Double(c.epochs)), "epochs": try JSONValue.of(records),
            "valid": try JSONValue.of(metrics(records.last?.valid.rmse ?? floor)), "test": try JSONValue.of(metrics(test)),
            "trainSeconds": .number(0.01 * Double(c.k * c.epochs)), "epochSecondsMedian": .number(0.01 * Double(c.k)),
            "trainRatings": .number(Double(data.count)),
        ]).decode(TrainingResult.self)
    }

    static func metrics(_ rmse: Double) -> Metrics {
        Metrics(squaredErrorSum: rmse * rmse * 100, absoluteErrorSum: rmse * 80, count: 100)
    }

    /// An in-memory store holding the search, run to the end.
    static func searchStore(text: String = specText) throws -> InMemoryRunStore {
        let store = InMemoryRunStore()
        let spec = try ExperimentSpec.parse(Data(text.utf8), file: "tiny-search.json")
        let runner = SweepRunner(store: store, options: .init(jobs: 2), train: train)
        _ = try SearchRunner(store: store, runner: runner).run(spec: spec, specText: text, data: data, fingerprint: data.fingerprint)
        return store
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-search-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The report of the search, with a reference file in `folder/reference/`.
    func report(folder: URL) throws -> ExperimentReport {
        let references = folder.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: references, withIntermediateDirectories: true)
        try Data(#"[{"model": "Library SVD (tuned)", "protocol": "warm", "test_rmse": [0.931, 0.925, 0.94], "note": "k=64"}]"#.utf8)
            .write(to: references.appendingPathComponent("tiny-search.json"))
        let source = RunStoreReportSource(store: try Self.searchStore(), runCommand: { "mfae-lab run \($0)" }, specFolders: [folder])
        let reports = try ReportGenerator(source: source, options: ReportOptions(rendersPlots: false), gnuplot: nil).makeReports()
        return try #require(reports.first?.report)
    }

    @Test func searchSectionsMatchGoldenFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try report(folder: folder)
        let search = try #require(report.analysis.search)
        let findings = SearchSection.addingFindings(SearchSection.findings(search), to: HeadlineSection.findings(report.headlines))
        let section = SearchSection.make(report.searchHeadlines, search: search, experiment: "tiny-search")
        let markdown = MarkdownRenderer.render(ReportDocument(title: "Search sections", blocks: findings + section.blocks))
        try GoldenFile.verify(markdown, against: Self.golden.appendingPathComponent("search-sections.md"))
        let plots = section.plots.map { "==> \($0.scriptFile) <==\n\($0.script)\n==> \($0.dataFile) <==\n\($0.data)" }
        try GoldenFile.verify(plots.joined(separator: "\n"), against: Self.golden.appendingPathComponent("search-plots.txt"))
        // Run keys change with the key scheme, which is not this test's subject.
        let summary = try ReportSummary(report).json()
            .replacingOccurrences(of: #""run" : "[0-9a-f]{64}""#, with: #""run" : "<key>""#, options: .regularExpression)
        try GoldenFile.verify(summary, against: Self.golden.appendingPathComponent("search-summary.json"))
        // The whole report has the search's parts and not the grid's.
        #expect(report.markdown.contains("## Search") && report.markdown.contains("Library SVD (tuned)"))
        #expect(!report.markdown.contains("## Headline comparison") && !report.markdown.contains("Sensitivity to swept"))
        #expect(Set(report.plots.map(\.name)).isSuperset(of: ["tuning-warm", "search-mfae-warm", "parallel-mf-warm"]))
    }

    @Test func theVerdictUsesOnlyTheFinalRunsPairedBySeed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try report(folder: folder)
        let headline = try #require(report.searchHeadlines.first)
        #expect(report.headlines.map(\.evaluationProtocol) == [.warm])
        #expect(headline.comparison.entries.map { $0.group.seeds } == [[10, 11, 12, 13, 14, 15], [10, 11, 12, 13, 14, 15]])
        let comparison = try #require(headline.comparison.autoencoderVersusMF)
        #expect(comparison.seeds.count == 6 && comparison.wilcoxon != nil && comparison.tTest != nil)
        let d = try #require(SearchHeadline.effectSize(comparison))
        #expect(abs(d - (comparison.tTest?.meanDifference ?? 0) / (comparison.tTest?.standardDeviation ?? 1)) < 1e-12)
        // Audited, the autoencoder's unpruned search picks another trial, re-run on the same final seeds.
        let mfae = try #require(headline.studies.first { $0.study.model == .mfae })
        #expect(mfae.unprunedWinner?.number != mfae.winner?.number && mfae.unprunedFinalGroup?.seeds == [10, 11, 12, 13, 14, 15])
        #expect(SearchHeadline.pruningEffect(mfae)?.isWithinOneSD == true)
        // Trials stay out of the grid analysis; the winners' configurations are the final runs'.
        #expect(report.analysis.groups.isEmpty)
        for study in headline.studies {
            let winner = try #require(study.winner)
            #expect(study.finalGroup?.configuration.learningRate == winner.trial.job.run.configuration.learningRate)
            // Audited: pruning cost at most what the same trials cost run to the end.
            #expect(study.prunedSeconds <= (study.unprunedSeconds ?? 0) && study.prunedCount > 0)
        }
    }

    @Test func aWinnerAtTheEdgeOfItsSpaceIsAWarning() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try report(folder: folder)
        let search = try #require(report.analysis.search)
        let mfae = try #require(search.studies.first { $0.study.model == .mfae })
        let mf = try #require(search.studies.first { $0.study.model == .mf })
        // The autoencoder is best at the largest k of its choice; MF at the middle one.
        #expect(mfae.winner?.trial.values["k"] == .number(8) && mfae.edgeKeys.contains("k"))
        #expect(mf.winner?.trial.values["k"] == .number(4) && !mf.edgeKeys.contains("k"))
        let findings = SearchSection.findings(search).map { text in
            text.spans.map { span -> String in
                switch span {
                case let .text(value), let .strong(value), let .emphasis(value), let .code(value): return value
                case let .link(value, _, _): return value
                }
            }.joined()
        }
        #expect(findings.contains { $0.hasPrefix("mfae warm: Warning: the winner sits at the edge of its space") && $0.contains("k=8 in choice [2, 4, 8]") })
        #expect(!findings.contains { $0.hasPrefix("mf warm") && $0.contains("edge") } || !mf.edgeKeys.isEmpty)
        let markdown = report.markdown
        #expect(markdown.contains("Warning: the winner sits at the edge of its space"))
    }

    @Test func prunedTrialsAreCountedAndTheirCostWithoutPruningIsNotClaimed() throws {
        let text = Self.specText.replacingOccurrences(of: #""audit": true"#, with: #""audit": false"#)
        let source = RunStoreReportSource(store: try Self.searchStore(text: text), runCommand: { "mfae-lab run \($0)" }, specFolders: [])
        let report = try #require(try ReportGenerator(source: source, options: ReportOptions(rendersPlots: false), gnuplot: nil)
            .makeReports().first?.report)
        let pruned = report.analysis.runs.filter { $0.status == .pruned }.count
        #expect(pruned > 0)
        #expect(report.markdown.contains("\(pruned) pruned") && report.markdown.contains("| Model | Runs | done | pruned |"))
        #expect(report.markdown.contains("not measured") && !report.markdown.contains("without pruning the search would pick"))
        for study in report.searchHeadlines.flatMap(\.studies) {
            #expect(study.unprunedSeconds == nil && study.unprunedFinalGroup == nil && study.finalGroup?.runs.count == 6)
        }
    }

    @Test func summaryJSONHoldsTheSelectedConfigurationsAndPerSeedMetrics() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = RunStoreReportSource(store: try Self.searchStore(), runCommand: { "mfae-lab run \($0)" }, specFolders: [])
        let out = folder.appendingPathComponent("Reports")
        let summary = try ReportGenerator(source: source, options: ReportOptions(rendersPlots: false), gnuplot: nil).write(to: out)
        #expect(summary.files.contains("tiny-search/summary.json"))
        let data = try Data(contentsOf: out.appendingPathComponent("tiny-search/summary.json"))
        let json = try JSONValue.parse(data)
        guard case let .object(root) = json, case let .array(protocols)? = root["protocols"], case let .object(warm)? = protocols.first,
              case let .array(models)? = warm["models"], case let .object(mfae)? = models.first,
              case let .object(configuration)? = mfae["configuration"], case let .array(runs)? = mfae["runs"] else {
            Issue.record("unexpected summary \(json)")
            return
        }
        #expect(mfae["model"] == .string("mfae") && mfae["selection"] == .string("search"))
        #expect(configuration["seed"] == nil && configuration["k"] == .number(8))
        // The configuration decodes as a training configuration: what `train --config` reads.
        let decoded = try JSONValue.object(configuration).decode(TrainingConfiguration.self)
        #expect(decoded.model == .mfae && decoded.evaluationProtocol == .warm)
        #expect(runs.count == 6)
        guard case let .object(first)? = runs.first else { return }
        #expect(first["seed"] == .number(10) && first["test_rmse"] != nil && first["valid_rmse"] != nil)
        // The grid fixture's summary names the headline's configurations and a grid selection.
        let grid = try ReportSummary(try #require(ReportGenerator(source: ReportFixture.source, options: ReportOptions(), gnuplot: nil)
            .makeReports().first { $0.folder == "mask-sweep" }?.report)).json()
        #expect(grid.contains(#""selection" : "grid""#) && grid.contains(#""mask_fraction" : 0.5"#))
    }
}
