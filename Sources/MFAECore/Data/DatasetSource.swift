import Foundation

/// Where a run's ratings come from: the synthetic generator, a named MovieLens set, or a folder.
///
/// In JSON: `"ml-100k"`, `"synthetic"`, a folder path, `{"synthetic": {…parameters…}}`, or
/// `{"folder": "path", "format": "dat"}`.
public enum DatasetSource: Sendable, Hashable {
    /// The built-in generator with these parameters.
    case synthetic(SyntheticParameters)
    /// A MovieLens set known by name (`ml-100k`), fetched into the data folder when missing.
    case named(String)
    /// A folder of MovieLens files; the format is detected from the files present when nil.
    case folder(path: String, format: MovieLensFormat?)
}

/// Parameters of the built-in synthetic data set.
public struct SyntheticParameters: Codable, Sendable, Hashable {
    public var users: Int = 2_000
    public var items: Int = 1_000
    public var ratings: Int = 100_000
    /// Rank of the planted model.
    public var rank: Int = 5
    /// Standard deviation of the Gaussian noise added before rounding.
    public var noise: Double = 0.5
    public var seed: UInt64 = 0
    /// Default parameters.
    public init() {}
}

/// The MovieLens file layouts the readers understand.
public enum MovieLensFormat: String, NamedOption {
    /// RecBole atomic files: `ml-100k.inter`, `ml-100k.item` (typed TSV header).
    case recbole
    /// GroupLens ML-100k: `u.data` (tab-separated), `u.item` (`|`, Latin-1).
    case udata = "u_data"
    /// ML-1M/10M: `ratings.dat`, `movies.dat` (`::`, Latin-1).
    case dat
    /// ML-latest/20M/25M/32M: `ratings.csv`, `movies.csv` (header, quoted titles, half stars).
    case csv
}
