import Crypto
import Foundation
import MFAECore

/// The identity of a run: SHA-256 of the canonical configuration and the data fingerprint.
///
/// ```
/// key = sha256(canonicalJSON(configuration.canonicalized()) + "\n" + datasetFingerprint)
/// ```
/// Canonical JSON has sorted keys and every key present, so two configurations that compute the same
/// thing (MF with two different mask fractions) have one key, and any relevant change gives another.
public enum RunKey {
    /// The canonical JSON text of `configuration` (after ``TrainingConfiguration/canonicalized()``).
    public static func canonicalJSON(_ configuration: TrainingConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(configuration.canonicalized())
        return String(decoding: data, as: UTF8.self)
    }

    /// Hash of the configuration alone (no data): stable for a spec before any data is loaded.
    public static func configurationHash(_ configuration: TrainingConfiguration) throws -> String {
        hex(SHA256.hash(data: Data(try canonicalJSON(configuration).utf8)))
    }

    /// The run key of `configuration` on the data set with `datasetFingerprint`.
    public static func make(configuration: TrainingConfiguration, datasetFingerprint: String) throws -> String {
        let text = try canonicalJSON(configuration) + "\n" + datasetFingerprint
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
