/// Turns title bytes into strings: the text encoding of an items file and CSV quote escapes.
enum TitleText {
    /// How an items file's bytes are decoded.
    enum Encoding: Equatable {
        /// UTF-8 (RecBole, `movies.csv`, and any file that is valid UTF-8).
        case utf8
        /// ISO-8859-1: each byte is the code point of the same value (`u.item`, ML-1M `movies.dat`).
        case latin1
    }

    /// UTF-8 when the whole file is valid UTF-8, else Latin-1.
    ///
    /// GroupLens ships `u.item` and ML-1M's `movies.dat` in Latin-1, later sets in UTF-8; a Latin-1
    /// file with accented titles is practically never valid UTF-8 (`é` is the lone byte `E9`), so
    /// the check tells them apart without being told the release.
    static func encoding(of bytes: UnsafeBufferPointer<UInt8>) -> Encoding {
        String(validating: bytes, as: UTF8.self) == nil ? .latin1 : .utf8
    }

    /// Decodes `field` in `encoding`, replacing `""` by `"` when `unescapingQuotes` (a quoted CSV field).
    static func decode(_ field: UnsafeBufferPointer<UInt8>, encoding: Encoding, unescapingQuotes: Bool) -> String {
        let text: String
        switch encoding {
        case .utf8: text = String(decoding: field, as: UTF8.self)
        case .latin1:
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: field.lazy.map { Unicode.Scalar($0) })
            text = String(scalars)
        }
        return unescapingQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }
}
