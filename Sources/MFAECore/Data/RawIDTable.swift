/// Maps the raw ids of one column (users or items) to the dense indices a ``RatingSetBuilder``
/// assigned, so that a `String` is made and hashed only the first time an id is seen.
///
/// Canonical decimal ids (`1`, `4096`; all MovieLens ids) are looked up by value: in an array for
/// values below 2²², in a dictionary above. Any other spelling goes to the builder as a string
/// every time, which is correct but slower.
struct RawIDTable {
    /// Largest value kept in the array; beyond it ids go to the dictionary.
    private static let denseLimit: UInt64 = 1 << 22
    /// The dense index of id value `v` at `dense[v]`, or −1.
    private var dense: [Int32] = []
    /// The dense index of large id values.
    private var sparse: [UInt64: Int32] = [:]

    /// An empty table.
    init() {}

    /// The dense index of the id spelled by `field`, asking `assign` (with the id as a string) the
    /// first time it is seen.
    @inline(__always)
    mutating func index(of field: UnsafeBufferPointer<UInt8>, assign: (String) -> Int32) -> Int32 {
        guard let value = DecimalParsing.canonicalInteger(field) else {
            return assign(String(decoding: field, as: UTF8.self))
        }
        if value < UInt64(dense.count) {
            let known = dense[Int(value)]
            if known >= 0 { return known }
        } else if value >= Self.denseLimit, let known = sparse[value] {
            return known
        }
        let index = assign(String(decoding: field, as: UTF8.self))
        if value < Self.denseLimit {
            if value >= UInt64(dense.count) {
                let newCount = min(max(Int(value) + 1, dense.count * 2, 1024), Int(Self.denseLimit))
                dense.append(contentsOf: repeatElement(-1, count: newCount - dense.count))
            }
            dense[Int(value)] = index
        } else {
            sparse[value] = index
        }
        return index
    }
}
