import Foundation
import MFAECore

/// Checks one parameter value of a spec against the type of its ``TrainingConfiguration`` key.
/// Ranges are checked later, on whole configurations, by ``TrainingConfiguration/problems()``.
enum ParameterCheck {
    /// What a key accepts, in words, for error messages.
    static func expectedType(of key: String) -> String {
        switch key {
        case "model": return "one of \(ModelKind.allowedValues)"
        case "protocol": return "one of \(EvaluationProtocol.allowedValues)"
        case "normalize": return "one of \(Normalization.allowedValues)"
        case "optimizer": return "one of \(OptimizerKind.allowedValues)"
        case "regularization": return "one of \(Regularization.allowedValues)"
        case "eval_mask", "clip_predictions": return "true or false"
        case "k", "epochs", "batch_size", "patience", "threads": return "an integer"
        case "seed": return "a non-negative integer"
        default: return "a number"
        }
    }

    /// Nil when `value` decodes as the type of `key`; otherwise what the key accepts.
    static func typeProblem(key: String, value: JSONValue) -> String? {
        do {
            _ = try JSONValue.object([key: value]).decode(TrainingConfiguration.self)
            return nil
        } catch {
            return expectedType(of: key)
        }
    }

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
