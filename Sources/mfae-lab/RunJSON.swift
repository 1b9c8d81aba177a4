import Foundation
import MFAECore
import MFAELab

/// `mfae-lab show RUN --json`: a run as one JSON object (keys sorted): its id, key, label,
/// experiment, status, data set, the whole `configuration` (seed included; `mfae-lab train --config`
/// reads it back), final `metrics` by store name, and per-epoch `scalars`.
struct RunJSON: Encodable {
    var run: Int64
    var key: String
    var label: String
    var experiment: String?
    var status: String
    var error: String?
    var dataset: String?
    var datasetFingerprint: String
    var configuration: TrainingConfiguration
    var metrics: [String: Double]
    var scalars: [[String: Double]]

    enum CodingKeys: String, CodingKey {
        case run, key, label, experiment, status, error, dataset, datasetFingerprint = "dataset_fingerprint"
        case configuration, metrics, scalars
    }

    init(record: RunRecord, store: any RunStore) throws {
        run = record.id; key = record.key; label = record.label
        experiment = record.experiment; status = record.status.rawValue; error = record.error
        dataset = try store.dataset(fingerprint: record.datasetFingerprint)?.name
        datasetFingerprint = record.datasetFingerprint
        configuration = record.configuration
        metrics = record.metrics.filter { $0.value.isFinite }
        var byStep: [Int: [String: Double]] = [:]
        for scalar in try store.scalars(runID: record.id) where scalar.value.isFinite {
            byStep[scalar.step, default: ["epoch": Double(scalar.step)]][scalar.name] = scalar.value
        }
        scalars = byStep.keys.sorted().compactMap { byStep[$0] }
    }

    /// The object, pretty-printed with sorted keys.
    func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
