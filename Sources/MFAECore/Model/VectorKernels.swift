/// Small dense kernels on `k`-vectors: SIMD8 accumulators over the body, scalars over the tail.
/// Reduction order is fixed, so results are bit-identical run to run.
public enum VectorKernels {
    /// `Σ a[j]·b[j]` for `j < count`. Complexity O(count).
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            accumulator += UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var sum = accumulator.sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// `y[j] += scale·x[j]` for `j < count`. Complexity O(count).
    @inline(__always)
    public static func addScaled(_ x: UnsafePointer<Float>, scale: Float, into y: UnsafeMutablePointer<Float>,
                                 count: Int) {
        var index = 0
        while index + 8 <= count {
            let xi = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            let yi = UnsafeRawPointer(y + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: yi + scale * xi, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            y[index] += scale * x[index]
            index += 1
        }
    }

    /// `Σ x[j]²` for `j < count`.
    @inline(__always)
    public static func squaredNorm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        dot(x, x, count: count)
    }
}
