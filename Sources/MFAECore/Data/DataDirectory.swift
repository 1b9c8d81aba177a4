import Foundation

/// The folder named data sets live in (`<data directory>/ml-100k/`).
public enum DataDirectory {
    /// The environment variable that names the data directory when no flag does.
    public static let environmentVariable = "MFAE_DATA_DIR"

    /// The `--data-dir` flag when given, else `$MFAE_DATA_DIR`, else `./data`; empty values count as
    /// absent. Relative paths are taken from the current directory.
    public static func resolve(flag: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let path = [flag, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty } ?? "./data"
        return URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
    }
}
