/// Many short strings' UTF-8 bytes in one array, so that a hot loop can copy row `i` without
/// touching a `String` or retaining an array per use.
struct PackedBytes {
    /// Every row's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Row `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]

    /// Packs `rows` in order.
    init(_ rows: [String]) {
        bytes.reserveCapacity(rows.reduce(0) { $0 + $1.utf8.count })
        starts.reserveCapacity(rows.count + 1)
        for row in rows {
            bytes.append(contentsOf: row.utf8)
            starts.append(bytes.count)
        }
    }

    /// Number of rows.
    var count: Int { starts.count - 1 }

    /// Calls `body` with a function that returns row `i`'s bytes; the buffers are valid only inside `body`.
    func withRows<T>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { bytes in
            try starts.withUnsafeBufferPointer { starts in
                try body { row in UnsafeBufferPointer(rebasing: bytes[starts[row] ..< starts[row + 1]]) }
            }
        }
    }
}
