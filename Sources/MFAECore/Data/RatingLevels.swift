/// The distinct rating values of a data set, ascending; a rating's level is its position.
///
/// MovieLens sets have few levels (5 whole stars, or 10 half stars), so finding them is a linear
/// scan with a short list, and a level lookup is a binary search of a handful of values.
enum RatingLevels {
    /// The distinct values of `values`, ascending. One pass comparing each value with the previous
    /// one and then with the short list found so far; falls back to a hash set beyond 32 levels.
    static func distinct(_ values: [Float]) -> [Float] {
        var found: [Float] = []
        var last = Float.nan
        var fallbackStart: Int?
        values.withUnsafeBufferPointer { values in
            for position in 0 ..< values.count {
                let value = values[position]
                if value == last { continue }
                last = value
                var isKnown = false
                for level in found where level == value {
                    isKnown = true
                    break
                }
                if isKnown { continue }
                found.append(value)
                if found.count > 32 {
                    fallbackStart = position
                    return
                }
            }
        }
        if let start = fallbackStart {
            return Array(Set(found).union(values[start...])).sorted()
        }
        return found.sorted()
    }

    /// The position of `value` in ascending `levels`, or nil when it is not a level.
    @inline(__always)
    static func index(of value: Float, in levels: [Float]) -> Int? {
        var low = 0, high = levels.count
        while low < high {
            let middle = (low + high) / 2
            if levels[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < levels.count && levels[low] == value ? low : nil
    }
}
