import Foundation

/// Writes a ``RatingSet`` as MovieLens files in any ``MovieLensFormat``, so that the readers can be
/// measured and tested on sets of any size without real files.
///
/// | format    | ratings file                                 | items file                                   |
/// |-----------|----------------------------------------------|----------------------------------------------|
/// | `recbole` | `<name>.inter`, typed header, `4`            | `<name>.item`: `item_id:token`, `movie_title:token_seq` |
/// | `u_data`  | `u.data`: `user⇥item⇥rating⇥timestamp`, `4`  | `u.item`: 24 `|` fields, id and title filled |
/// | `dat`     | `ratings.dat`: `user::item::rating::ts`, `4` | `movies.dat`: `id::title::(no genres listed)` |
/// | `csv`     | `ratings.csv` with header, `4.0`, `3.5`      | `movies.csv`, titles quoted when needed      |
///
/// Ratings are written user by user in row order, each user's in stored order, so reading the
/// files back gives the same users, items, levels and codes. Whole-star values are written as
/// integers (`4.0` in CSV, as MovieLens does), others in shortest form. Timestamps are placeholders:
/// 1,000,000,000 plus the rating's position, giving realistic line lengths. `u.item` and `movies.dat`
/// are Latin-1 when every title fits in it, UTF-8 otherwise (the reader accepts both). Characters a
/// format cannot hold in a title (tab and line breaks outside CSV, `|` in `u.item`, `::` in
/// `movies.dat`) become spaces, `/` and `: `; a `movies.dat` title ending in `:` gets a space.
public enum DatasetWriter {
    /// Writes the ratings file and the items file of `format` for `set` into `folder` (created when
    /// missing) and returns their URLs. Each file appears only when complete.
    ///
    /// - Throws: ``DatasetError/invalidDataset(_:)`` when an id is empty or holds the format's
    ///   separator or a line break, ``DatasetError/unreadable(file:reason:)`` when a file cannot be written.
    @discardableResult
    public static func write(_ set: RatingSet, to folder: URL, format: MovieLensFormat) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unreadable(file: folder.path, reason: DatasetError.describe(error))
        }
        try checkIDs(set.userIDs, kind: "user", format: format)
        try checkIDs(set.itemIDs, kind: "item", format: format)
        let ratingsName = format.ratingsFileName ?? "\(recboleBaseName(set.name)).inter"
        let ratingsURL = folder.appendingPathComponent(ratingsName)
        let itemsURL = folder.appendingPathComponent(format.itemsFileName(besideRatingsFile: ratingsName))
        try writeRatings(set, to: ratingsURL, format: format)
        try writeItems(set, to: itemsURL, format: format)
        return [ratingsURL, itemsURL]
    }

    /// Writes the ratings file, one line per rating.
    ///
    /// Every id, level text and the separator are packed once into one byte table (``PackedBytes``),
    /// so a line is five memory copies and a number: about 25M lines in a few seconds.
    private static func writeRatings(_ set: RatingSet, to url: URL, format: MovieLensFormat) throws {
        let out = try ByteFileWriter(url: url)
        do {
            let separator: String
            switch format {
            case .recbole:
                try out.append("user_id:token\titem_id:token\trating:float\ttimestamp:float\n")
                separator = "\t"
            case .udata: separator = "\t"
            case .dat: separator = "::"
            case .csv:
                try out.append("userId,movieId,rating,timestamp\n")
                separator = ","
            }
            // Table rows: users, then items, then levels, then the separator.
            let itemBase = set.userCount, levelBase = itemBase + set.itemCount
            let separatorRow = levelBase + set.levelCount
            let table = PackedBytes(set.userIDs + set.itemIDs + set.levels.map { valueText($0, format: format) }
                                    + [separator])
            let ratings = set.ratings
            var position = 0
            try table.withRows { row in
                for ratingsRow in 0 ..< ratings.rowCount {
                    let user = row(Int(ratings.users[ratingsRow]))
                    for index in ratings.range(ofRow: ratingsRow) {
                        let value = ratings.values[index]
                        try out.append(user)
                        try out.append(row(separatorRow))
                        try out.append(row(itemBase + Int(ratings.items[index])))
                        try out.append(row(separatorRow))
                        if let level = RatingLevels.index(of: value, in: set.levels) {
                            try out.append(row(levelBase + level))
                        } else {
                            try out.append(valueText(value, format: format))
                        }
                        try out.append(row(separatorRow))
                        try out.appendDecimal(1_000_000_000 + position)
                        try out.append(byte: UInt8(ascii: "\n"))
                        position += 1
                    }
                }
            }
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
    }

    /// Writes the items file, one line per item in index order.
    private static func writeItems(_ set: RatingSet, to url: URL, format: MovieLensFormat) throws {
        let out = try ByteFileWriter(url: url)
        do {
            let titles = set.itemTitles.map { cleanTitle($0, format: format) }
            let latin1 = (format == .udata || format == .dat)
                && titles.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value <= 0xFF } }
            func encoded(_ title: String) -> [UInt8] {
                latin1 ? title.unicodeScalars.map { UInt8($0.value) } : Array(title.utf8)
            }
            switch format {
            case .recbole: try out.append("item_id:token\tmovie_title:token_seq\n")
            case .csv: try out.append("movieId,title,genres\n")
            case .udata, .dat: break
            }
            for (id, title) in zip(set.itemIDs, titles) {
                try out.append(id)
                switch format {
                case .recbole:
                    try out.append("\t")
                    try out.append(encoded(title))
                case .udata:
                    try out.append("|")
                    try out.append(encoded(title))
                    try out.append("|||" + String(repeating: "|0", count: 19))
                case .dat:
                    try out.append("::")
                    try out.append(encoded(title))
                    try out.append("::(no genres listed)")
                case .csv:
                    try out.append(",")
                    try out.append(csvField(title))
                    try out.append(",(no genres listed)")
                }
                try out.append(byte: UInt8(ascii: "\n"))
            }
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
    }

    /// A rating as text: `4` (`4.0` in CSV) for whole stars, the shortest exact form otherwise.
    static func valueText(_ value: Float, format: MovieLensFormat) -> String {
        if value == value.rounded(), abs(value) < 1e6 {
            let whole = String(Int(value))
            return format == .csv ? whole + ".0" : whole
        }
        return value.description
    }

    /// `title` with the characters `format` cannot hold replaced.
    static func cleanTitle(_ title: String, format: MovieLensFormat) -> String {
        if format == .csv { return title }
        var text = title.replacingOccurrences(of: "\r\n", with: " ")
        for character in ["\t", "\n", "\r"] { text = text.replacingOccurrences(of: character, with: " ") }
        if format == .udata { text = text.replacingOccurrences(of: "|", with: "/") }
        if format == .dat {
            text = text.replacingOccurrences(of: "::", with: ": ")
            // A final ":" would merge with the separator that follows.
            if text.hasSuffix(":") { text += " " }
        }
        return text
    }

    /// `text` as a CSV field: quoted, with `""` for quotes, when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ")
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A RecBole file name from a set name: letters, digits, `-`, `_`, `.`; `ratings` when none remain.
    static func recboleBaseName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0)
            || $0 == "-" || $0 == "_" || $0 == ".") }
        let base = String(String.UnicodeScalarView(kept))
        return base.isEmpty || base.hasPrefix(".") ? "ratings" : base
    }

    /// Throws when an id cannot be written in `format`: empty, or holding its separator or a line break.
    private static func checkIDs(_ ids: [String], kind: String, format: MovieLensFormat) throws {
        let forbidden: [String]
        switch format {
        case .recbole: forbidden = ["\t", "\n", "\r"]
        case .udata: forbidden = ["\t", "|", "\n", "\r"]
        case .dat: forbidden = [":", "\n", "\r"]
        case .csv: forbidden = [",", "\"", "\n", "\r"]
        }
        for (index, id) in ids.enumerated() where id.isEmpty || forbidden.contains(where: { id.contains($0) }) {
            throw DatasetError.invalidDataset(
                "cannot write \(kind) id \(index) (\"\(id)\") in \(format) format: empty, or holds a separator")
        }
    }
}
