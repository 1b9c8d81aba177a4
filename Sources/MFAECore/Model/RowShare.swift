import CKernels

/// One member's share of a table's rows when a team of threads splits the rows between its members
/// (``ShardedStep``): each row belongs to exactly one member.
///
/// Rows are shared out by a multiplicative hash (Fibonacci hashing) of the 64-byte line the row starts
/// in: cheap, and balanced however popularity is spread over the ids. Contiguous ranges would not be:
/// dense ids follow the order of first appearance in a file, so popular items cluster at low ids.
public struct RowShare: Sendable, Equatable {
    /// The member whose share this is.
    public var member: Int
    /// How many members share the rows.
    public var members: Int
    /// Floats per row of the table whose rows are shared (its vector table's `k`).
    public var width: Int

    public init(member: Int, members: Int, width: Int) {
        precondition(member >= 0 && member < members)
        self.member = member; self.members = members; self.width = width
    }

    /// Which member owns `row`.
    @inline(__always)
    public static func owner(ofRow row: Int32, width: Int, members: Int) -> Int {
        mfae_row_owner(Int(row), width, members)
    }

    /// Whether `row` is in this share.
    @inline(__always)
    public func contains(_ row: Int32) -> Bool {
        Self.owner(ofRow: row, width: width, members: members) == member
    }
}
