/// Walks the fields of one line without copying: each ``next()`` returns the bytes of the next field.
///
/// For ``FieldSeparator/csv`` a quoted field is returned without its outer quotes; doubled quotes
/// inside stay doubled (``lastFieldHasEscapedQuotes`` says so) and ``hasQuoteError`` is set when
/// a quote is not closed or is followed by something other than a comma.
struct FieldCursor {
    private let line: UnsafeBufferPointer<UInt8>
    private let separator: FieldSeparator
    private var position = 0
    private var isFinished = false
    /// Whether the last field returned held `""` escapes that ``CSVText/unescaped(_:)`` must undo.
    private(set) var lastFieldHasEscapedQuotes = false
    /// Whether a CSV quote was left open or was followed by text before the next comma.
    private(set) var hasQuoteError = false

    /// A cursor at the first field of `line`.
    init(_ line: UnsafeBufferPointer<UInt8>, separator: FieldSeparator) {
        self.line = line
        self.separator = separator
    }

    /// The next field, or nil after the last one. An empty line has one empty field.
    @inline(__always)
    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        if isFinished { return nil }
        switch separator {
        case let .byte(byte):
            return nextField(separatorLength: 1) { line, i in line[i] == byte }
        case .doubleColon:
            let colon = UInt8(ascii: ":")
            return nextField(separatorLength: 2) { line, i in
                line[i] == colon && i + 1 < line.count && line[i + 1] == colon
            }
        case .csv:
            if position < line.count && line[position] == UInt8(ascii: "\"") { return nextQuotedField() }
            lastFieldHasEscapedQuotes = false
            return nextField(separatorLength: 1) { line, i in line[i] == UInt8(ascii: ",") }
        }
    }

    /// The field from `position` to the next separator (where `isSeparator` holds) or the end.
    @inline(__always)
    private mutating func nextField(separatorLength: Int,
                                    isSeparator: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> UnsafeBufferPointer<UInt8> {
        let start = position
        var i = start
        while i < line.count {
            if isSeparator(line, i) {
                position = i + separatorLength
                return UnsafeBufferPointer(rebasing: line[start ..< i])
            }
            i += 1
        }
        isFinished = true
        return UnsafeBufferPointer(rebasing: line[start ..< line.count])
    }

    /// A field that starts with `"`: up to the closing quote, which must end the line or precede a comma.
    private mutating func nextQuotedField() -> UnsafeBufferPointer<UInt8> {
        let quote = UInt8(ascii: "\"")
        let start = position + 1
        var i = start
        lastFieldHasEscapedQuotes = false
        while i < line.count {
            if line[i] == quote {
                if i + 1 < line.count && line[i + 1] == quote {
                    lastFieldHasEscapedQuotes = true
                    i += 2
                    continue
                }
                let field = UnsafeBufferPointer(rebasing: line[start ..< i])
                if i + 1 == line.count {
                    isFinished = true
                } else if line[i + 1] == UInt8(ascii: ",") {
                    position = i + 2
                } else {
                    hasQuoteError = true
                    isFinished = true
                }
                return field
            }
            i += 1
        }
        hasQuoteError = true
        isFinished = true
        return UnsafeBufferPointer(rebasing: line[start ..< line.count])
    }
}
