/// Reading the checksum file GroupLens publishes beside each zip.
///
/// Both layouts seen in the wild are accepted: BSD (`MD5 (ml-25m.zip) = 6b51…`) and GNU
/// (`6b51…  ml-25m.zip`). The digest is the one 32-digit hexadecimal word on a line that names the
/// file, or on the only line when that line is a bare digest naming no file.
public enum PublishedChecksum {
    /// The lowercase MD5 in `text` for `fileName`, or nil when `text` holds none (an HTML error page).
    public static func md5(in text: String, for fileName: String) -> String? {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        var candidates = lines.filter { $0.contains(fileName) }
        if candidates.isEmpty, lines.count == 1, !lines[0].contains(".") { candidates = lines }
        for line in candidates {
            let words = line.split { $0 == " " || $0 == "\t" || $0 == "=" || $0 == "(" || $0 == ")" }
            if let digest = words.first(where: isMD5) { return digest.lowercased() }
        }
        return nil
    }

    /// Whether `word` is 32 hexadecimal digits.
    private static func isMD5(_ word: Substring) -> Bool {
        word.count == 32 && word.allSatisfy(\.isHexDigit)
    }
}
