/// Dense, 0-based index of a user in a ``RatingSet``; never a raw id from a file.
public struct UserIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position of the user in ``RatingSet/userIDs``.
    public var rawValue: Int32
    /// Wraps a dense index.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// Wraps a dense index given as `Int`.
    public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    /// The index as `Int`, for subscripting.
    public var position: Int { Int(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "user#\(rawValue)" }
}

/// Dense, 0-based index of an item in a ``RatingSet``; never a raw id from a file.
public struct ItemIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position of the item in ``RatingSet/itemIDs``.
    public var rawValue: Int32
    /// Wraps a dense index.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// Wraps a dense index given as `Int`.
    public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    /// The index as `Int`, for subscripting.
    public var position: Int { Int(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "item#\(rawValue)" }
}

/// Dense index of an encoder code: one per (item, rating level) pair.
///
/// ```
/// code = item × levelCount + level
/// ```
/// The notebook used `item * 10 + int(rating)`, which merges half-star levels (3.5 and 3);
/// taking the levels from the data keeps every level distinct.
public struct CodeIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The row of the code in the encoder tables.
    public var rawValue: Int32
    /// Wraps a dense index.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// The code of `item` rated at `level` when the data has `levelCount` distinct levels.
    public init(item: ItemIndex, level: Int, levelCount: Int) {
        precondition(level >= 0 && level < levelCount, "level \(level) outside 0..<\(levelCount)")
        self.rawValue = item.rawValue * Int32(levelCount) + Int32(level)
    }
    /// The index as `Int`, for subscripting.
    public var position: Int { Int(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "code#\(rawValue)" }
}
