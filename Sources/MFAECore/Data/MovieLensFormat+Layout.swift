/// Where the columns of a format's files are.
extension MovieLensFormat {
    /// The ratings file's name, or nil for RecBole whose files are named after the data set
    /// (`<name>.inter`, found by extension).
    public var ratingsFileName: String? {
        switch self {
        case .recbole: return nil
        case .udata: return "u.data"
        case .dat: return "ratings.dat"
        case .csv: return "ratings.csv"
        }
    }

    /// The items file's name next to a ratings file named `ratingsFile`: `u.item`, `movies.dat`,
    /// `movies.csv`, or `<name>.item` for RecBole's `<name>.inter`.
    public func itemsFileName(besideRatingsFile ratingsFile: String) -> String {
        switch self {
        case .recbole:
            let base = ratingsFile.hasSuffix(".inter") ? String(ratingsFile.dropLast(".inter".count)) : ratingsFile
            return base + ".item"
        case .udata: return "u.item"
        case .dat: return "movies.dat"
        case .csv: return "movies.csv"
        }
    }

    /// How the fields of both files are separated.
    var ratingsSeparator: FieldSeparator {
        switch self {
        case .recbole, .udata: return .tab
        case .dat: return .doubleColon
        case .csv: return .csv
        }
    }

    /// How the fields of the items file are separated.
    var itemsSeparator: FieldSeparator {
        switch self {
        case .recbole: return .tab
        case .udata: return .bar
        case .dat: return .doubleColon
        case .csv: return .csv
        }
    }

    /// Whether the files start with a header naming the columns.
    var hasHeader: Bool { self == .recbole || self == .csv }

    /// The header names of the user, item and rating columns (RecBole names without `:type`); CSV
    /// also takes the `user_id,item_id,rating` of split files (``SplitFolder``).
    var ratingColumnNames: (user: [String], item: [String], rating: [String]) {
        switch self {
        case .recbole: return (["user_id"], ["item_id"], ["rating"])
        case .udata, .dat, .csv: return (["userId", "user_id"], ["movieId", "item_id"], ["rating"])
        }
    }

    /// The header names of the id, title and genres columns of the items file; CSV also takes the
    /// `item_id` of split files (``SplitFolder``).
    var itemColumnNames: (id: [String], title: [String], genres: [String]) {
        switch self {
        case .recbole: return (["item_id"], ["movie_title"], ["class"])
        case .udata, .dat, .csv: return (["movieId", "item_id"], ["title"], ["genres"])
        }
    }

    /// Columns of headerless ratings files: `user item rating timestamp`.
    var fixedRatingColumns: RatingColumns {
        RatingColumns(user: 0, item: 1, rating: 2, count: 4)
    }

    /// Columns of headerless items files: id first, title second. `u.item` has 24 fields, the last
    /// 19 genre flags; only id and title are required, so it needs at least 2. `movies.dat` has
    /// exactly 3, the third its genres.
    var fixedItemColumns: ItemColumns {
        switch self {
        case .udata: return ItemColumns(id: 0, title: 1, count: 2, allowsMoreFields: true, genres: 5)
        default: return ItemColumns(id: 0, title: 1, count: 3, allowsMoreFields: false, genres: 2)
        }
    }
}

/// Positions of the columns a ratings line must have.
struct RatingColumns: Equatable {
    /// 0-based positions of the user id, item id and rating fields.
    var user: Int, item: Int, rating: Int
    /// Number of fields every line must have.
    var count: Int
}

/// Positions of the columns an items line must have.
struct ItemColumns: Equatable {
    /// 0-based positions of the item id and title fields.
    var id: Int, title: Int
    /// Number of fields a line must have (at least, when `allowsMoreFields`).
    var count: Int
    /// Whether lines may have more than `count` fields.
    var allowsMoreFields: Bool
    /// 0-based position of the genres field (of the first genre flag in `u.item`), if the file has one.
    var genres: Int? = nil
}
