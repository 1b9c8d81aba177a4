import Foundation

/// Reads the titles of a MovieLens items file (`u.item`, `movies.dat`, `movies.csv`, `<name>.item`).
///
/// Items files are small (at most about 90,000 lines), so the file is read whole, its encoding
/// decided once (``TitleText/encoding(of:)``) and every title decoded. CSV records may hold quoted
/// commas, `""` escapes and even line breaks. An empty title falls back to the item's id.
enum ItemsFileReader {
    /// The title of each item id in `url`, an items file of `format`.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)``, or ``DatasetError/malformedLine(file:line:reason:)``
    ///   for a line with the wrong number of fields, an empty id, a header without the id or title
    ///   column, or an open quote.
    static func readTitles(_ url: URL, format: MovieLensFormat) throws -> [String: String] {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError.unreadable(file: file, reason: DatasetError.describe(error))
        }
        let separator = format.itemsSeparator
        var titles: [String: String] = [:]
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
                while let field = cursor.next() {
                    if fieldCount == columns.id {
                        id = String(decoding: field, as: UTF8.self)
                    } else if fieldCount == columns.title {
                        title = TitleText.decode(field, encoding: encoding,
                                                 unescapingQuotes: cursor.lastFieldHasEscapedQuotes)
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
                if titles[id] == nil { titles[id] = title.isEmpty ? id : title }
            }
            if separator == .csv {
                try ByteLines.forEachCSVRecord(in: bytes, body)
            } else {
                try ByteLines.forEachLine(in: bytes, body)
            }
        }
        return titles
    }

    /// The id and title columns named by a header line.
    private static func headerColumns(_ line: UnsafeBufferPointer<UInt8>, format: MovieLensFormat,
                                      file: String, line number: Int) throws -> ItemColumns {
        let header = FileHeader(line, separator: format.itemsSeparator, stripsTypes: format == .recbole)
        let names = format.itemColumnNames
        return ItemColumns(id: try header.position(of: names.id, file: file, line: number),
                           title: try header.position(of: names.title, file: file, line: number),
                           count: header.names.count, allowsMoreFields: false)
    }
}
