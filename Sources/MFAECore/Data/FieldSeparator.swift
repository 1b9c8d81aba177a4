/// How the fields of a line are separated in a MovieLens file.
enum FieldSeparator: Equatable, CustomStringConvertible {
    /// A single byte: tab (`u.data`, RecBole) or `|` (`u.item`).
    case byte(UInt8)
    /// The two bytes `::` (`ratings.dat`, `movies.dat`).
    case doubleColon
    /// A comma, with RFC 4180 double quotes: `"Heat, The (1995)"`, `""` for a quote inside.
    case csv

    /// Tab, for RecBole and `u.data`.
    static let tab = FieldSeparator.byte(UInt8(ascii: "\t"))
    /// Vertical bar, for `u.item`.
    static let bar = FieldSeparator.byte(UInt8(ascii: "|"))

    /// How error messages name the separator: `tab`, `"|"`, `"::"`, `","`.
    var description: String {
        switch self {
        case .byte(UInt8(ascii: "\t")): return "tab"
        case let .byte(byte): return "\"\(Character(Unicode.Scalar(byte)))\""
        case .doubleColon: return "\"::\""
        case .csv: return "\",\""
        }
    }
}
