import Foundation

/// Reads the titles and genres of a MovieLens items file (`u.item`, `movies.dat`, `movies.csv`,
/// `<name>.item`).
///
/// Items files are small (at most about 90,000 lines), so the file is read whole, its encoding
/// decided once (``TitleText/encoding(of:)``) and every title decoded. CSV records may hold quoted
/// commas, `""` escapes and even line breaks. An empty title falls back to the item's id.
enum ItemsFileReader {
    /// What an items file says about its items, by item id.
    struct Contents {
        /// Titles by item id.
        var titles: [String: String] = [:]
        /// Genre names by item id, as the file lists them (``ItemGenres`` drops the "no genre" markers).
        var genres: [String: [String]] = [:]
    }

    /// The title of each item id in `url`, an items file of `format`.
    static func readTitles(_ url: URL, format: MovieLensFormat) throws -> [String: String] {
        try read(url, format: format).titles
    }

    /// The title and genres of each item id in `url`, an items file of `format`. Genres are read
    /// where the format has them: `u.item`'s 19 flags, the `|`-separated field of `movies.dat` and
    /// `movies.csv`'s `genres` column, the space-separated `class` tokens of RecBole's `.item`;
    /// a file without them (a header without the column, a `u.item` line with only 2 fields) gives none.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)``, or ``DatasetError/malformedLine(file:line:reason:)``
    ///   for a line with the wrong number of fields, an empty id, a header without the id or title
    ///   column, or an open quote.
    static func read(_ url: URL, format: MovieLensFormat) throws -> Contents {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError.unreadable(file: file, reason: DatasetError.describe(error))
        }
        let separator = format.itemsSeparator
        var contents = Contents()
        var columns: ItemColumns? = format.hasHeader ? nil : format.fixedItemColumns
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let encoding = TitleText.encoding(of: bytes)
            let body = { (line: UnsafeBufferPointer<UInt8>, number: Int) throws in
                if line.isEmpty { return }
                guard let columns else {
                    columns = try headerColumns(line, format: format, file: file, line: number)
                    return
                }
                var cursor = FieldCursor(line, separator: separator)
                var fieldCount = 0
                var id = "", title = ""
                var genres: [String] = []
                while let field = cursor.next() {
                    if fieldCount == columns.id {
                        id = String(decoding: field, as: UTF8.self)
                    } else if fieldCount == columns.title {
                        title = TitleText.decode(field, encoding: encoding,
                                                 unescapingQuotes: cursor.lastFieldHasEscapedQuotes)
                    } else if let genreColumn = columns.genres {
                        genres += genreNames(field, at: fieldCount, column: genreColumn, format: format)
                    }
                    fieldCount += 1
                }
                func malformed(_ reason: String) -> DatasetError {
                    .malformedLine(file: file, line: number, reason: reason)
                }
                if cursor.hasQuoteError { throw malformed("unbalanced double quotes") }
                let countIsRight = columns.allowsMoreFields ? fieldCount >= columns.count : fieldCount == columns.count
                guard countIsRight else {
                    let expected = columns.allowsMoreFields ? "at least \(columns.count)" : "\(columns.count)"
                    throw malformed("expected \(expected) fields separated by \(separator), found \(fieldCount)")
                }
                guard !id.isEmpty else { throw malformed("empty item id") }
                if contents.titles[id] == nil {
                    contents.titles[id] = title.isEmpty ? id : title
                    if !genres.isEmpty { contents.genres[id] = genres }
                }
            }
            if separator == .csv {
                try ByteLines.forEachCSVRecord(in: bytes, body)
            } else {
                try ByteLines.forEachLine(in: bytes, body)
            }
        }
        return contents
    }

    /// The genres field `field` (at 0-based position `position`) contributes: a flag of `u.item`
    /// names its genre when it is `1`; a genre column is split at `|` (space for RecBole).
    private static func genreNames(_ field: UnsafeBufferPointer<UInt8>, at position: Int, column: Int,
                                   format: MovieLensFormat) -> [String] {
        if format == .udata {
            let flag = position - column
            guard flag >= 0, flag < ItemGenres.movieLens100kFlags.count,
                  field.count == 1, field[0] == UInt8(ascii: "1") else { return [] }
            return [ItemGenres.movieLens100kFlags[flag]]
        }
        guard position == column else { return [] }
        let separator = format == .recbole ? UInt8(ascii: " ") : UInt8(ascii: "|")
        return field.split(separator: separator).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// The id and title columns named by a header line.
    private static func headerColumns(_ line: UnsafeBufferPointer<UInt8>, format: MovieLensFormat,
                                      file: String, line number: Int) throws -> ItemColumns {
        let header = FileHeader(line, separator: format.itemsSeparator, stripsTypes: format == .recbole)
        let names = format.itemColumnNames
        return ItemColumns(id: try header.position(of: names.id, file: file, line: number),
                           title: try header.position(of: names.title, file: file, line: number),
                           count: header.names.count, allowsMoreFields: false,
                           genres: names.genres.lazy.compactMap { header.names.firstIndex(of: $0) }.first)
    }
}
