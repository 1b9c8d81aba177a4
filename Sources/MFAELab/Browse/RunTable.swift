import Foundation
import MFAECore

/// Runs flattened to one row per run (parameters, provenance, final metrics) for CSV and JSON
/// export to pandas or R.
public struct RunTable: Sendable {
    /// Column names, in order.
    public var columns: [String]
    /// One row per run; nil cells are empty in CSV and null in JSON.
    public var rows: [[JSONValue]]

    /// The table of `runs`; `experiments` maps experiment ids to names for the `experiment` column.
    public init(runs: [RunRecord]) {
        let leading = ["run_id", "key", "experiment", "label", "status", "dataset_fingerprint"]
        let configurationKeys = ConfigurationKey.all.sorted { $0.name < $1.name }
        let trailing = ["error", "started", "ended", "wall_seconds", "attempts", "tool_version", "git_revision", "host"]
        let known = MetricName.allCases.map(\.rawValue)
        let extra = Set(runs.flatMap(\.metrics.keys)).subtracting(known).sorted()
        let metricColumns = known + extra
        columns = leading + configurationKeys.map(\.name) + trailing + metricColumns
        rows = runs.map { run in
            var row: [JSONValue] = [
                .number(Double(run.id)), .string(run.key), run.experiment.map(JSONValue.string) ?? .null,
                .string(run.label), .string(run.status.rawValue), .string(run.datasetFingerprint),
            ]
            row += configurationKeys.map { $0.json($0.value(in: run.configuration)) }
            row += [
                run.error.map(JSONValue.string) ?? .null,
                run.started.map { .string(StoredValues.timestamp($0)) } ?? .null,
                run.ended.map { .string(StoredValues.timestamp($0)) } ?? .null,
                run.wallSeconds.map(JSONValue.number) ?? .null,
                .number(Double(run.attempts)),
                run.provenance.map { .string($0.toolVersion) } ?? .null,
                run.provenance?.gitRevision.map(JSONValue.string) ?? .null,
                run.provenance.map { .string($0.host) } ?? .null,
            ]
            row += metricColumns.map { run.metrics[$0].map(JSONValue.number) ?? .null }
            return row
        }
    }

    /// RFC 4180 CSV with a header line.
    public func csv() -> String {
        func cell(_ value: JSONValue) -> String {
            let text: String
            switch value {
            case .null: return ""
            case let .number(number): text = number.isFinite ? "\(value)" : ""
            default: text = value.description
            }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [columns.joined(separator: ",")]
        lines += rows.map { $0.map(cell).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON array of objects, one per run, keys in sorted order.
    public func json() throws -> String {
        let objects: [JSONValue] = rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(columns, row).filter { $0.1 != .null }))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
    }
}
