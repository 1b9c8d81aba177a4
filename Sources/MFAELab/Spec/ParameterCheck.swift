import Foundation
import MFAECore

/// Hints for a spec's unknown keys: the allowed list, the nearest key first. (Types and ranges of
/// parameter values are checked by their ``ConfigurationKey``.)
enum ParameterCheck {
    /// Allowed keys, for an unknown-key message: the closest one first when there is a near miss.
    static func allowedList(_ keys: [String], near key: String) -> String {
        let close = keys.filter { editDistance($0, key) <= 2 }.min { editDistance($0, key) < editDistance($1, key) }
        let list = keys.sorted().joined(separator: ", ")
        if let close { return "\(list) (did you mean \"\(close)\"?)" }
        return list
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0 ... b.count)
        for i in 1 ... a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1 ... b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
