/// The column names of a header line, and where a wanted column is.
struct FileHeader {
    /// Column names in order; RecBole's `name:type` is kept as `name`.
    var names: [String]

    /// Reads a header line; `stripsTypes` drops RecBole's `:type` suffixes. CSV names may be quoted.
    init(_ line: UnsafeBufferPointer<UInt8>, separator: FieldSeparator, stripsTypes: Bool) {
        var cursor = FieldCursor(line, separator: separator)
        var names: [String] = []
        while let field = cursor.next() {
            var name = String(decoding: field, as: UTF8.self).trimmingASCIISpaces()
            if stripsTypes, let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
            names.append(name)
        }
        self.names = names
    }

    /// The position of the column named by the first of `aliases` that the header has
    /// (`movieId` or `item_id`).
    /// - Throws: ``DatasetError/malformedLine(file:line:reason:)`` on `line` naming the columns found.
    func position(of aliases: [String], file: String, line: Int) throws -> Int {
        guard let position = aliases.lazy.compactMap({ self.names.firstIndex(of: $0) }).first else {
            throw DatasetError.malformedLine(
                file: file, line: line,
                reason: "header has no \(aliases.joined(separator: " or ")) column (found: \(names.joined(separator: ", ")))")
        }
        return position
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces.
    func trimmingASCIISpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
