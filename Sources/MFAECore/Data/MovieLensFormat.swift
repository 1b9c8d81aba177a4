/// The MovieLens file layouts the readers understand.
///
/// Each format has a ratings file and an optional items file that gives titles; see
/// `MovieLensFormat+Layout.swift` for the columns and `MovieLensFormat+Detection.swift` for how a
/// folder's format is recognised.
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
