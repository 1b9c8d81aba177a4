#if canImport(Glibc)
import Glibc
#endif

/// A fixed-size, heap-allocated array of `Float` with reference semantics.
///
/// Parameter tables, their Adam moments and gradients live in these buffers so that hot loops
/// index raw memory (no copy-on-write or exclusivity checks per element). Unsafe access is
/// confined to this type and the kernels that receive its ``pointer``.
public final class FloatBuffer: @unchecked Sendable {
    /// The storage; valid for the buffer's lifetime.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of floats.
    public let count: Int

    /// Alignment of small buffers in bytes: a cache line, so that a row of 16·n floats spans exactly
    /// n cache lines when it starts at a multiple of 16 floats.
    public static let alignment = 64

    /// Buffers of at least this many bytes get a fresh mapping of their own, backed by transparent
    /// huge pages where the system offers them (``HugePageMapping``): rows scattered over tables of
    /// megabytes would otherwise miss the TLB on nearly every access (4 KiB pages; the L2 TLB covers
    /// a few megabytes). Smaller buffers come from the heap: a 2 MiB page for them would mostly be waste.
    public static let hugePageThreshold = 256 << 10

    /// A buffer of `count` floats, all `value`.
    public init(count: Int, repeating value: Float = 0) {
        precondition(count >= 0)
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        let raw: UnsafeMutableRawPointer
        if bytes >= Self.hugePageThreshold, let mapping = HugePageMapping(bytes: bytes) {
            self.mapping = mapping
            raw = mapping.start
        } else {
            mapping = nil
            raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.alignment)
        }
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: value, count: max(count, 1))
    }

    /// The fresh mapping behind a large buffer, or nil for a small one (heap memory).
    private let mapping: HugePageMapping?

    /// A buffer holding `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit {
        if let mapping { mapping.unmap() } else { pointer.deallocate() }
    }

    /// Element access (bounds are asserted in debug builds only).
    public subscript(index: Int) -> Float {
        get { assert(index >= 0 && index < count); return pointer[index] }
        set { assert(index >= 0 && index < count); pointer[index] = newValue }
    }

    /// A copy of the contents as an array.
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Overwrites the contents with `values`, which must have the same count.
    public func assign(_ values: [Float]) {
        precondition(values.count == count, "assigning \(values.count) floats to a buffer of \(count)")
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: count) }
        }
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }
}
