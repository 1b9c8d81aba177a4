/// Errors of the lab library. Spec problems carry the JSON path of the offending value and what is
/// allowed there; a whole spec's problems are reported together as ``invalidSpec(file:problems:)``.
public indirect enum LabError: Error, CustomStringConvertible, Equatable {
    /// A key that a spec object does not accept.
    case unknownKey(path: String, allowed: String)
    /// A required key that is absent.
    case missingKey(path: String, expected: String)
    /// A value of the wrong type or out of range.
    case invalidValue(path: String, expected: String)
    /// A known key in a place that does not take it (`seed` in `base`: seeds come from `seeds`).
    case misplacedKey(path: String, reason: String)
    /// Text that is not JSON at all.
    case malformedJSON(file: String, reason: String)
    /// Every problem found in one spec file, reported at once before anything runs.
    case invalidSpec(file: String, problems: [LabError])
    /// A file that cannot be read or written.
    case unreadable(file: String, reason: String)
    /// A `--shard` argument that is not `i/N` with `0 ≤ i < N`.
    case invalidShard(String)
    /// `--shard auto` outside a job array, or with values that do not name a slice.
    case shardUnavailable(reason: String)
    /// No run matches an id or key prefix.
    case runNotFound(String)
    /// Several runs match a key prefix.
    case ambiguousRun(String, matches: Int)
    /// No item of a data set has this title (or id), nor a title containing it.
    case itemNotFound(title: String)
    /// Several titles fit the text and none exactly; the candidates, best first.
    case ambiguousTitle(String, candidates: [String])
    /// A run that has no stored item vectors (a trivial baseline, or not finished).
    case noItemParameters(run: String)
    /// Merging would put two different results under one run key.
    case mergeConflict(keys: [String])
    /// A database that cannot be opened or migrated.
    case store(path: String, reason: String)

    /// The JSON path of a spec problem, if the error has one.
    public var path: String? {
        switch self {
        case let .unknownKey(path, _), let .missingKey(path, _), let .invalidValue(path, _),
             let .misplacedKey(path, _):
            return path
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .unknownKey(path, allowed): return "\(path): unknown key; allowed: \(allowed)"
        case let .missingKey(path, expected): return "\(path): missing; expected \(expected)"
        case let .invalidValue(path, expected): return "\(path): expected \(expected)"
        case let .misplacedKey(path, reason): return "\(path): not allowed here: \(reason)"
        case let .malformedJSON(file, reason): return "\(file): not valid JSON: \(reason)"
        case let .invalidSpec(file, problems):
            let noun = problems.count == 1 ? "problem" : "problems"
            return "\(file): \(problems.count) \(noun):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case let .unreadable(file, reason): return "\(file): \(reason)"
        case let .invalidShard(text): return "invalid shard \"\(text)\": expected i/N with 0 ≤ i < N, such as 0/4, or auto"
        case let .shardUnavailable(reason): return "--shard auto: \(reason)"
        case let .runNotFound(text): return "no run matches \"\(text)\""
        case let .ambiguousRun(text, matches): return "\(matches) runs match \"\(text)\"; give more of the key"
        case let .itemNotFound(title): return "no item title contains \"\(title)\""
        case let .ambiguousTitle(title, candidates):
            let shown = candidates.prefix(10).joined(separator: "; ") + (candidates.count > 10 ? "; …" : "")
            return "\"\(title)\" fits \(candidates.count) titles: \(shown); give the whole title (the year may be left out) or the item id"
        case let .noItemParameters(run): return "run \(run) has no stored item vectors"
        case let .mergeConflict(keys):
            return "refusing to merge: \(keys.count) run key(s) have different results in different files: "
                + keys.prefix(5).joined(separator: ", ") + (keys.count > 5 ? ", …" : "")
        case let .store(path, reason): return "\(path): \(reason)"
        }
    }
}
