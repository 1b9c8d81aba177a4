import Foundation
import MFAECore
import MFAELab

/// A ``ReportSource`` that reads the lab's run store (``SQLiteRunStore`` in use, ``InMemoryRunStore``
/// in tests): the adapter between the store's records and the report's input model.
///
/// - An experiment name recorded with several spec texts reports its latest spec and the runs
///   linked to it.
/// - Run ids are the store's run keys, stable across merged databases.
/// - The spec file is found by content in ``specFolders`` (so the reproduce command names it);
///   otherwise the command says to save the spec printed in the report.
public struct RunStoreReportSource: ReportSource {
    /// The store read.
    public var store: any RunStore
    /// The command that runs a spec file into this store, quoted in the report's provenance
    /// (the caller knows how its database was named on its command line).
    public var runCommand: @Sendable (_ specFile: String) -> String
    /// Folders searched for the spec file whose text was recorded (the store keeps the text, not
    /// the path): by default `Experiments` and the current folder.
    public var specFolders: [URL]

    /// A source reading `store`; `runCommand` gives the command that runs a spec file into it.
    public init(store: any RunStore, runCommand: @escaping @Sendable (_ specFile: String) -> String,
                specFolders: [URL] = [URL(fileURLWithPath: "Experiments"), URL(fileURLWithPath: ".")]) {
        self.store = store; self.runCommand = runCommand; self.specFolders = specFolders
    }

    public func experiments() throws -> [ReportExperiment] {
        let names = Set(try store.experiments().map(\.name)).sorted()
        return try names.compactMap { name in
            guard let record = try store.experiment(named: name) else { return nil }
            return try makeExperiment(record)
        }
    }

    public func runs(of experiment: String) throws -> [ReportRun] {
        try records(of: experiment).map(makeRun)
    }

    public func itemTitles(of experiment: String) throws -> [String]? {
        guard let fingerprint = try datasetFingerprint(of: records(of: experiment)),
              let dataset = try store.dataset(fingerprint: fingerprint) else { return nil }
        return dataset.itemTitles
    }

    // MARK: Mapping

    /// The runs linked to the latest experiment row named `name`, by id.
    func records(of name: String) throws -> [RunRecord] {
        guard let experiment = try store.experiment(named: name) else {
            throw ReportError.unknownExperiment(name: name, known: Set(try store.experiments().map(\.name)).sorted())
        }
        let members = Set(try store.memberships(experimentID: experiment.id).map(\.runID))
        return try store.runs(RunFilter(experiment: name, includeMetrics: true)).filter { members.contains($0.id) }
    }

    /// The data set most of the runs used (ties: the smallest fingerprint).
    func datasetFingerprint(of runs: [RunRecord]) -> String? {
        var counts: [String: Int] = [:]
        for run in runs { counts[run.datasetFingerprint, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    func makeExperiment(_ record: ExperimentRecord) throws -> ReportExperiment {
        let runs = try records(of: record.name)
        let fingerprint = datasetFingerprint(of: runs)
        let dataset = try fingerprint.flatMap { try store.dataset(fingerprint: $0) }
        let specFile = findSpecFile(hash: record.specHash)
        let command = specFile.map(runCommand) ?? "# save the spec below as spec.json, then:\n" + runCommand("spec.json")
        return ReportExperiment(name: record.name, description: record.description, specFile: specFile,
                                specText: record.spec, specHash: record.specHash,
                                datasetName: dataset?.name ?? "unknown", datasetFingerprint: fingerprint ?? "unknown",
                                command: command)
    }

    func makeRun(_ record: RunRecord) throws -> ReportRun {
        var metrics: [MetricName: Double] = [:]
        for name in MetricName.allCases {
            if let value = record.metric(name) { metrics[name] = value }
        }
        // Closed-form baselines train no epochs: databases written before the median was left out for
        // them hold 0, which is not a cost per epoch.
        if record.metric(.epochsRun) == 0 { metrics[.epochSecondsMedian] = nil }

        let status = record.status
        let epochs = status == .done ? try makeEpochs(store.scalars(runID: record.id)) : []
        let items = status == .done && record.configuration.model.isLatent ? try store.itemParameters(runID: record.id) : nil
        return ReportRun(id: record.key, status: status, error: record.error, configuration: record.configuration,
                         metrics: metrics, epochs: epochs, items: items, provenance: record.provenance,
                         wallSeconds: record.wallSeconds)
    }

    /// Per-epoch scalars gathered into epochs; an epoch without train loss or validation RMSE is skipped.
    func makeEpochs(_ scalars: [ScalarRecord]) -> [ReportEpoch] {
        var byStep: [Int: [String: Double]] = [:]
        for scalar in scalars { byStep[scalar.step, default: [:]][scalar.name] = scalar.value }
        return byStep.keys.sorted().compactMap { step in
            guard let values = byStep[step], let loss = values[ScalarName.trainLoss.rawValue],
                  let valid = values[ScalarName.validRMSE.rawValue] else { return nil }
            return ReportEpoch(epoch: step, trainLoss: loss, trainMSE: values[ScalarName.trainMSE.rawValue],
                               validRMSE: valid, seconds: values[ScalarName.epochSeconds.rawValue])
        }
    }

    /// The path of a `.json` file in ``specFolders`` whose SHA-256 is `hash`, relative to the current
    /// folder when it lies inside it; the first in name order.
    func findSpecFile(hash: String) -> String? {
        let manager = FileManager.default
        for folder in specFolders {
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                let file = folder.appendingPathComponent(name)
                guard let data = manager.contents(atPath: file.path), ExperimentSpec.hash(of: data) == hash else { continue }
                let current = manager.currentDirectoryPath + "/"
                return file.path.hasPrefix(current) ? String(file.path.dropFirst(current.count)) : file.path
            }
        }
        return nil
    }
}
