import Foundation

/// Where a run's ratings come from: the synthetic generator, a named MovieLens set, or a folder.
///
/// In JSON: `"ml-100k"`, `"synthetic"`, a folder path, `{"synthetic": {…parameters…}}`, or
/// `{"folder": "path", "format": "dat"}`. See `DatasetSource+Codable.swift` for the exact rules and
/// `DatasetSource+Loading.swift` for where each kind is read from.
public enum DatasetSource: Sendable, Hashable {
    /// The built-in generator with these parameters.
    case synthetic(SyntheticParameters)
    /// A MovieLens set known by name (`ml-100k`), fetched into the data folder when missing.
    case named(String)
    /// A folder of MovieLens files; the format is detected from the files present when nil.
    case folder(path: String, format: MovieLensFormat?)
}
