import Crypto
import Foundation
import MFAECore

/// The identity of a run: SHA-256 of the canonical configuration and the data fingerprint.
///
/// ```
/// key = sha256(configuration.canonicalText + "\n" + datasetFingerprint)
/// ```
/// ``TrainingConfiguration/canonicalText`` is versioned, lists every key in sorted order and spells
/// numbers explicitly, so two configurations that compute the same thing (MF with two different mask
/// fractions) have one key, any relevant change gives another, and no encoder's formatting enters it.
public enum RunKey {
    /// Hash of the configuration alone (no data): stable for a spec before any data is loaded.
    public static func configurationHash(_ configuration: TrainingConfiguration) -> String {
        hex(SHA256.hash(data: Data(configuration.canonicalText.utf8)))
    }

    /// The run key of `configuration` on the data set with `datasetFingerprint`.
    public static func make(configuration: TrainingConfiguration, datasetFingerprint: String) -> String {
        let text = configuration.canonicalText + "\n" + datasetFingerprint
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
