/// Reads numbers from field bytes without making a `String` in the common case.
enum DecimalParsing {
    /// Powers of ten for the fast path's fraction digits.
    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000]

    /// The value of a rating field, or nil when it is not a number. Surrounding spaces are ignored.
    ///
    /// Plain decimals (`4`, `3.5`, `-1.25`, up to 6 integer and 4 fraction digits) are converted
    /// directly, exactly as `Float(String)` would round them; anything else (`1e0`, `inf`, `nan`,
    /// longer numbers) goes through `Float(String)`. Callers must check `isFinite`.
    @inline(__always)
    static func rating(_ field: UnsafeBufferPointer<UInt8>) -> Float? {
        let field = trimmingSpaces(field)
        if let value = plainDecimal(field) { return value }
        return Float(String(decoding: field, as: UTF8.self))
    }

    /// A canonical non-negative decimal integer (`0`, `17`, not `017` or `+17`), up to 18 digits.
    /// Used to look ids up by number: two ids with the same value then have the same spelling.
    @inline(__always)
    static func canonicalInteger(_ field: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard field.count >= 1, field.count <= 18 else { return nil }
        if field.count > 1 && field[0] == UInt8(ascii: "0") { return nil }
        var value: UInt64 = 0
        for byte in field {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }

    /// `[-]digits[.digits]` with at most 6 integer and 4 fraction digits, or nil.
    ///
    /// `mantissa / 10^f` is exact in `Double` before one division, so the `Double` is correctly
    /// rounded; its `Float` rounding equals the direct one for values with so few digits.
    @inline(__always)
    private static func plainDecimal(_ field: UnsafeBufferPointer<UInt8>) -> Float? {
        var i = 0, isNegative = false
        if i < field.count && field[i] == UInt8(ascii: "-") { isNegative = true; i += 1 }
        var mantissa: Int64 = 0, integerDigits = 0, fractionDigits = 0
        while i < field.count, field[i] &- UInt8(ascii: "0") < 10 {
            mantissa = mantissa * 10 + Int64(field[i] &- UInt8(ascii: "0")); integerDigits += 1; i += 1
        }
        if i < field.count && field[i] == UInt8(ascii: ".") {
            i += 1
            while i < field.count, field[i] &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa * 10 + Int64(field[i] &- UInt8(ascii: "0")); fractionDigits += 1; i += 1
            }
            if fractionDigits == 0 { return nil }
        }
        guard i == field.count, integerDigits >= 1, integerDigits <= 6, fractionDigits <= 4 else { return nil }
        let value = Float(Double(mantissa) / powersOfTen[fractionDigits])
        return isNegative ? -value : value
    }

    /// `field` without leading and trailing ASCII spaces.
    @inline(__always)
    private static func trimmingSpaces(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = field.count
        while start < end && field[start] == UInt8(ascii: " ") { start += 1 }
        while end > start && field[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return start == 0 && end == field.count ? field : UnsafeBufferPointer(rebasing: field[start ..< end])
    }
}
