import Foundation

/// Fixed, locale-free number formatting for reports: the same value always gives the same text,
/// whatever the machine's locale.
public enum NumberFormat {
    /// `value` with `digits` decimals (`0.9123`); `-0.0000` is written `0.0000`; `—` when not finite.
    public static func fixed(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `value` with an explicit sign (`+0.0123`, `-0.0123`, `0.0000`).
    public static func signed(_ value: Double, digits: Int = 4) -> String {
        let text = fixed(value, digits: digits)
        guard value.isFinite, !text.hasPrefix("-"), text.contains(where: { $0 != "0" && $0 != "." }) else { return text }
        return "+" + text
    }

    /// `mean ± sd`, or the mean alone for one value.
    public static func meanAndDeviation(_ summary: SampleSummary?, digits: Int = 4) -> String {
        guard let summary else { return "—" }
        guard let sd = summary.standardDeviation else { return fixed(summary.mean, digits: digits) }
        return "\(fixed(summary.mean, digits: digits)) ± \(fixed(sd, digits: digits))"
    }

    /// `[low, high]`, or `—` without an interval.
    public static func interval(_ interval: ClosedRange<Double>?, digits: Int = 4, signed isSigned: Bool = false) -> String {
        guard let interval else { return "—" }
        let format = { (value: Double) in isSigned ? signed(value, digits: digits) : fixed(value, digits: digits) }
        return "[\(format(interval.lowerBound)), \(format(interval.upperBound))]"
    }

    /// A p-value: four decimals (`0.0625`), `< 0.0001` below that, `—` without a test.
    public static func pValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return value < 0.0001 ? "< 0.0001" : fixed(value, digits: 4)
    }

    /// `p = 0.0312` or `p < 0.0001`, for sentences.
    public static func pClause(_ value: Double?) -> String {
        let text = pValue(value)
        return text.hasPrefix("<") ? "p \(text)" : "p = \(text)"
    }

    /// A duration in seconds with three significant figures at most four decimals (`0.0123`,
    /// `1.23`, `123`).
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return fixed(value, digits: secondsDigits(value))
    }

    /// A duration's `mean ± sd`, both with the decimals ``seconds(_:)`` gives the mean.
    public static func seconds(_ summary: SampleSummary?) -> String {
        guard let summary, summary.mean.isFinite else { return "—" }
        let digits = secondsDigits(summary.mean)
        let mean = fixed(summary.mean, digits: digits)
        return summary.standardDeviation.map { "\(mean) ± \(fixed($0, digits: digits))" } ?? mean
    }

    private static func secondsDigits(_ value: Double) -> Int {
        let magnitude = abs(value)
        if magnitude >= 100 { return 0 }
        if magnitude >= 10 { return 1 }
        if magnitude >= 1 { return 2 }
        if magnitude >= 0.1 { return 3 }
        return 4
    }

    /// A number for gnuplot data files: up to 10 significant digits, `NaN` when not finite.
    public static func data(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        let text = String(format: "%.10g", value)
        return text == "-0" ? "0" : text
    }
}
