import Foundation

/// Where a run's ratings come from: the synthetic generator, a named MovieLens set, a folder (of
/// MovieLens files, or of a split written by `mfae-lab data split`), or a GroupLens fold.
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
    /// One of GroupLens's fixed splits of ML-100k (`u1` … `u5`, `ua`, `ub`: `<fold>.base` trains,
    /// `<fold>.test` tests) in a folder; see ``SplitFolder``.
    case fold(path: String, fold: String)
}
