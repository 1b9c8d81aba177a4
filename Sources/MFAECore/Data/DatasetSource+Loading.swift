import Foundation

/// Turning a source into ratings.
extension DatasetSource {
    /// A short name for display and for ``RatingSet/name``: `synthetic`, the set's name, or the
    /// folder's last path component (`ml-1m` for `/data/ml-1m/`).
    public var displayName: String {
        switch self {
        case .synthetic: return "synthetic"
        case let .named(name): return name
        case let .folder(path, _):
            let name = URL(fileURLWithPath: Self.expandingTilde(path)).standardizedFileURL.lastPathComponent
            return name.isEmpty ? path : name
        case let .fold(path, fold):
            return Self.folder(path: path, format: nil).displayName + "/" + fold
        }
    }

    /// The folder this source reads, if it reads one: `<dataDirectory>/<name>` for a named set.
    public func folder(dataDirectory: URL) -> URL? {
        switch self {
        case .synthetic: return nil
        case let .named(name): return dataDirectory.appendingPathComponent(name, isDirectory: true)
        case let .folder(path, _), let .fold(path, _):
            return URL(fileURLWithPath: Self.expandingTilde(path), isDirectory: true)
        }
    }

    /// Loads the ratings. Core reads files only: fetching a missing named set is the job of the
    /// `MFAEFetch` library (`loadFetchingIfMissing(dataDirectory:fetcher:log:)`).
    ///
    /// - Synthetic: generates the set (``SyntheticParameters/generate()``).
    /// - Named: reads `<dataDirectory>/<name>/`, detecting the format.
    /// - Folder: reads the folder in the given format, or the detected one; a folder written by
    ///   `mfae-lab data split` is read as a pre-split set (``SplitFolder``).
    /// - Fold: reads GroupLens fold `<fold>.base`/`<fold>.test` as a pre-split set.
    ///
    /// - Parameter log: receives one line per step worth telling; the library prints nothing.
    /// - Throws: ``DatasetError`` saying which file, line or parameter is wrong; for a named set whose
    ///   folder holds no ratings file, ``DatasetError/invalidDataset(_:)`` saying how to fetch it.
    public func load(dataDirectory: URL, log: (String) -> Void) throws -> RatingSet {
        switch self {
        case let .synthetic(parameters):
            return try parameters.generate()
        case let .named(name):
            let folder = dataDirectory.appendingPathComponent(name, isDirectory: true)
            guard MovieLensFormat.folderHasRatings(folder) else {
                throw DatasetError.invalidDataset(
                    "no ratings file (\(MovieLensFormat.recognisedFiles)) in \(folder.path); "
                        + "`mfae-lab data fetch \(name)` fetches a MovieLens set by name")
            }
            return try DatasetLoader.load(folder: folder, format: nil, name: name)
        case let .folder(path, format):
            return try DatasetLoader.load(folder: URL(fileURLWithPath: Self.expandingTilde(path), isDirectory: true),
                                          format: format, name: displayName)
        case let .fold(path, fold):
            return try SplitFolder.loadFold(fold, in: URL(fileURLWithPath: Self.expandingTilde(path), isDirectory: true),
                                            name: displayName)
        }
    }

    /// `path` with a leading `~` replaced by the home folder.
    static func expandingTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
