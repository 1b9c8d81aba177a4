import Foundation
import MFAECore
import MFAELab

/// `train --config FILE`: a JSON object of configuration keys, as ``TrainingConfiguration`` encodes
/// it (`show RUN --json` prints one under `configuration`, a report's `summary.json` one per model).
/// It sets the keys it names over the preset's values, and keys left out keep the preset's; unknown
/// keys and invalid values are refused, naming the key.
struct ConfigurationFile {
    /// The file's keys over the defaults.
    private let configuration: TrainingConfiguration
    /// The keys the file names.
    private let keys: [ConfigurationKey]

    /// The model the file names, if it names one.
    var model: ModelKind? { keys.contains(.model) ? configuration.model : nil }
    /// The protocol the file names, if it names one.
    var evaluationProtocol: EvaluationProtocol? { keys.contains(.evaluationProtocol) ? configuration.evaluationProtocol : nil }

    /// Sets the keys the file names in `target` to the file's values.
    func apply(to target: inout TrainingConfiguration) {
        for key in keys { key.set(key.value(in: configuration), in: &target) }
    }

    /// The configuration in `path`, or on standard input for `-`.
    /// - Throws: ``CommandError/invalidConfiguration(file:reason:)``.
    static func load(_ path: String) throws -> ConfigurationFile {
        let name = path == "-" ? "standard input" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandError.invalidConfiguration(file: name, reason: "cannot read the file")
            }
            data = contents
        }
        return try parse(data, file: name)
    }

    /// The configuration of the JSON text `data`, read from `file`.
    static func parse(_ data: Data, file: String) throws -> ConfigurationFile {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw CommandError.invalidConfiguration(file: file, reason: "not JSON: \(error)")
        }
        guard case let .object(object) = value else {
            throw CommandError.invalidConfiguration(file: file, reason: "expected an object of configuration keys")
        }
        let known = ConfigurationKey.all.map(\.name)
        let unknown = object.keys.filter { ConfigurationKey.named($0) == nil }.sorted()
        if !unknown.isEmpty {
            throw CommandError.invalidConfiguration(file: file, reason: "unknown key\(unknown.count == 1 ? "" : "s") "
                + unknown.map { "\"\($0)\"" }.joined(separator: ", ") + " (known: \(known.joined(separator: ", ")))")
        }
        let configuration: TrainingConfiguration
        do {
            configuration = try value.decode(TrainingConfiguration.self)
        } catch {
            throw CommandError.invalidConfiguration(file: file, reason: "\(error)")
        }
        if let problem = configuration.problems().first {
            throw CommandError.invalidConfiguration(file: file, reason: "\(problem.key): expected \(problem.expected)")
        }
        return ConfigurationFile(configuration: configuration, keys: ConfigurationKey.all.filter { object[$0.name] != nil })
    }
}
