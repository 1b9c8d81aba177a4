/// Solves symmetric positive definite systems by Cholesky factorisation.
public enum CholeskySolver {
    /// Solves `A x = b` where the lower triangle of `A` (row-major, `size × size`) is given;
    /// `matrix` is overwritten by the factor `L`. Complexity O(size³).
    public static func solve(lowerOf matrix: inout [Double], size: Int, rightSide: [Double]) -> [Double] {
        for j in 0 ..< size {
            var diagonal = matrix[j * size + j]
            for p in 0 ..< j { diagonal -= matrix[j * size + p] * matrix[j * size + p] }
            let root = diagonal > 0 ? diagonal.squareRoot() : 1e-12
            matrix[j * size + j] = root
            for i in (j + 1) ..< max(size, j + 1) {
                var value = matrix[i * size + j]
                for p in 0 ..< j { value -= matrix[i * size + p] * matrix[j * size + p] }
                matrix[i * size + j] = value / root
            }
        }
        var y = rightSide
        for i in 0 ..< size {
            for p in 0 ..< i { y[i] -= matrix[i * size + p] * y[p] }
            y[i] /= matrix[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            for p in (i + 1) ..< max(size, i + 1) { y[i] -= matrix[p * size + i] * y[p] }
            y[i] /= matrix[i * size + i]
        }
        return y
    }
}
