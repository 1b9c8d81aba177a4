import Foundation

/// Reads a MovieLens ratings file into a ``RatingSetBuilder``, straight from its bytes.
///
/// Each line is split in place (``FieldCursor``); ids are looked up by value (``RawIDTable``), so
/// strings are made only for ids not seen before; ratings are parsed without strings
/// (``DecimalParsing``). Empty lines are ignored; anything else that is not a rating is an error
/// with the file and 1-based line: a wrong number of fields, an empty id, a rating that is not a
/// number or not finite, an open quote. Columns are found by header name for RecBole and CSV.
enum RatingsFileReader {
    /// Reads `url` as the ratings file of `format`.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)``, ``DatasetError/malformedLine(file:line:reason:)``,
    ///   or ``DatasetError/emptyFile(file:)`` when no line holds a rating.
    static func read(_ url: URL, format: MovieLensFormat) throws -> RatingSetBuilder {
        var builder = RatingSetBuilder(expectedCount: estimatedCount(of: url))
        try read(url, format: format, into: &builder)
        return builder
    }

    /// Adds the ratings of `url` to `builder`, whose ids keep the indices they already have (the
    /// parts of a split folder are read into one builder).
    ///
    /// - Throws: as ``read(_:format:)``; `emptyFile` when this file holds no rating.
    static func read(_ url: URL, format: MovieLensFormat, into builder: inout RatingSetBuilder) throws {
        let file = url.path
        let countBefore = builder.count
        var users = RawIDTable(), items = RawIDTable()
        let separator = format.ratingsSeparator
        var columns: RatingColumns? = format.hasHeader ? nil : format.fixedRatingColumns
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        try ByteLines.forEachLine(inFileAt: url) { line, number in
            if line.isEmpty { return }
            guard let columns else {
                columns = try headerColumns(line, format: format, file: file, line: number)
                return
            }
            var cursor = FieldCursor(line, separator: separator)
            var fieldCount = 0
            var userField = none, itemField = none, ratingField = none
            while let field = cursor.next() {
                if fieldCount == columns.user { userField = field }
                else if fieldCount == columns.item { itemField = field }
                else if fieldCount == columns.rating { ratingField = field }
                fieldCount += 1
            }
            func malformed(_ reason: String) -> DatasetError {
                .malformedLine(file: file, line: number, reason: reason)
            }
            if cursor.hasQuoteError { throw malformed("unbalanced double quotes") }
            guard fieldCount == columns.count else {
                throw malformed("expected \(columns.count) fields separated by \(separator), found \(fieldCount)")
            }
            guard !userField.isEmpty else { throw malformed("empty user id") }
            guard !itemField.isEmpty else { throw malformed("empty item id") }
            guard let value = DecimalParsing.rating(ratingField) else {
                throw malformed("rating \"\(String(decoding: ratingField, as: UTF8.self))\" is not a number")
            }
            guard value.isFinite else {
                throw malformed("rating \"\(String(decoding: ratingField, as: UTF8.self))\" is not finite")
            }
            let user = users.index(of: userField) { builder.userIndex(for: $0) }
            let item = items.index(of: itemField) { builder.itemIndex(for: $0) }
            builder.add(user: user, item: item, value: value)
        }
        if builder.count == countBefore { throw DatasetError.emptyFile(file: file) }
    }

    /// The user, item and rating columns named by a header line.
    private static func headerColumns(_ line: UnsafeBufferPointer<UInt8>, format: MovieLensFormat,
                                      file: String, line number: Int) throws -> RatingColumns {
        let header = FileHeader(line, separator: format.ratingsSeparator, stripsTypes: format == .recbole)
        let names = format.ratingColumnNames
        return RatingColumns(user: try header.position(of: names.user, file: file, line: number),
                             item: try header.position(of: names.item, file: file, line: number),
                             rating: try header.position(of: names.rating, file: file, line: number),
                             count: header.names.count)
    }

    /// Ratings to reserve room for: about one per 20 bytes (MovieLens lines are 20–28 bytes).
    /// Reserved memory that is never touched costs no resident memory.
    private static func estimatedCount(of url: URL) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        return min((size ?? 0) / 20, 1 << 31)
    }
}
