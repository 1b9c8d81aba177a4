import Foundation
import MFAECore
import MFAELab
import MFAETestSupport
import Testing
@testable import MFAEReport

/// The adapter from the lab's run store, on stores filled by the lab's runner with real (tiny)
/// training runs: both store implementations, then a whole report from the SQLite file.
@Suite struct RunStoreSourceTests {
    static let specText = """
    {
      "name": "tiny",
      "description": "A tiny sweep for the report's store tests.",
      "dataset": {"synthetic": {"users": 120, "items": 40, "ratings": 1800, "rank": 3, "noise": 0.3, "seed": 7}},
      "base": {"k": 3, "epochs": 4, "patience": 2, "batch_size": 256, "lr": 0.03, "optimizer": "lazy_adam", "init_scale": 0.01},
      "sweep": {"mask_fraction": [0, 0.5], "protocol": ["warm", "heldout"]},
      "seeds": [0, 1],
      "baselines": [{"model": "mf"}, {"model": "item_bias"}]
    }
    """

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the tiny sweep into `store`; the autoencoder with mask 0.5, heldout, seed 1 "diverges".
    func fill(_ store: any RunStore) throws -> RatingSet {
        let spec = try ExperimentSpec.parse(Data(Self.specText.utf8))
        var data = Fixtures.planted(users: 120, items: 40, perUser: 15)
        data.itemTitles[3] = "Star Trek: Generations (1994)"
        let plan = try SweepPlan(spec: spec, specText: Self.specText, data: data)
        let train: TrainFunction = { configuration, data, isCancelled, observer in
            if configuration.model == .mfae, configuration.maskFraction == 0.5, configuration.evaluationProtocol == .heldout,
               configuration.seed == 1 {
                throw TrainingError.diverged(epoch: 2, loss: .nan)
            }
            return try Trainer.run(configuration, on: data, isCancelled: isCancelled, observer: observer)
        }
        _ = try SweepRunner(store: store, options: SweepRunner.Options(jobs: 1), train: train).run(plan)
        return data
    }

    @Test func mapsExperimentsRunsAndTitles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = InMemoryRunStore()
        let data = try fill(store)
        try Data(Self.specText.utf8).write(to: folder.appendingPathComponent("tiny.json"))
        let source = RunStoreReportSource(store: store, runCommand: { "mfae-lab run \($0) --db runs.sqlite" }, specFolders: [folder])

        let experiments = try source.experiments()
        #expect(experiments.map(\.name) == ["tiny"])
        let experiment = try #require(experiments.first)
        #expect(experiment.datasetName == data.name && experiment.datasetFingerprint == data.fingerprint)
        #expect(experiment.specText == Self.specText)
        #expect(experiment.specFile == folder.appendingPathComponent("tiny.json").path)
        #expect(experiment.command == "mfae-lab run \(folder.appendingPathComponent("tiny.json").path) --db runs.sqlite")

        let runs = try source.runs(of: "tiny")
        // 2 masks × 2 protocols × 2 seeds of the autoencoder, MF and item bias per protocol and seed.
        #expect(runs.count == 8 + 4 + 4)
        #expect(runs.filter { $0.status == .diverged }.count == 1)
        for run in runs where run.status == .done {
            #expect(run.value(of: .testRMSE) != nil && run.value(of: .validRMSE) != nil)
            if run.configuration.model.isLatent {
                #expect(!run.epochs.isEmpty && run.items != nil)
                #expect(run.value(of: .epochSecondsMedian) != nil)
            } else {
                #expect(run.epochs.isEmpty && run.items == nil && run.value(of: .epochSecondsMedian) == nil)
            }
            #expect(run.configuration.evaluationProtocol != .heldout || !run.configuration.model.isLatent
                    || run.value(of: .foldInMillisecondsPerUser) != nil)
            #expect(run.provenance?.toolVersion == LabVersion.build)
        }
        #expect(try source.itemTitles(of: "tiny")?[3] == "Star Trek: Generations (1994)")
        #expect(throws: ReportError.unknownExperiment(name: "nope", known: ["tiny"])) { try source.runs(of: "nope") }
    }

    @Test func wholeReportFromTheSQLiteStore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lab.sqlite").path
        _ = try fill(try SQLiteRunStore(path: path))
        let source = RunStoreReportSource(store: try SQLiteRunStore(path: path), runCommand: { "mfae-lab run \($0) --db \(path)" }, specFolders: [])
        let options = ReportOptions(writesHTML: true)
        let out = folder.appendingPathComponent("Reports")
        let summary = try ReportGenerator(source: source, options: options).write(to: out)
        #expect(summary.folders == ["tiny"])
        #expect(summary.failedPlots.isEmpty, "\(summary.failedPlots)")
        let markdown = try String(contentsOf: out.appendingPathComponent("tiny/README.md"), encoding: .utf8)
        #expect(markdown.contains("## Findings"))
        #expect(markdown.contains("### Parameter: mask_fraction"))
        #expect(markdown.contains("**Star Trek: Generations (1994)**"))
        #expect(markdown.contains("mfae-lab run spec.json --db"))
        #expect(markdown.contains("diverged at epoch 2"))
        // The same database gives byte-identical Markdown (with the plots rendered as they were).
        let again = try ReportGenerator(source: source, options: options, gnuplot: nil).makeReports()
        let rendered = summary.renderedPlots > 0
        #expect(again.first?.report.markdown { _ in rendered } == markdown)
        #expect(markdown.contains("Not rendered") == !rendered)
    }
}
