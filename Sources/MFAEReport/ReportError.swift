/// Errors of the report library; each case says where the problem is.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// `--experiment NAME` names no experiment of the store.
    case unknownExperiment(name: String, known: [String])
    /// The store could not be read.
    case sourceFailed(reason: String)
    /// A report file could not be written.
    case writeFailed(path: String, reason: String)
    /// The store holds no experiment to report.
    case nothingToReport

    public var description: String {
        switch self {
        case let .unknownExperiment(name, known):
            let list = known.isEmpty ? "the store has none" : "known: \(known.joined(separator: ", "))"
            return "no experiment named \"\(name)\" (\(list))"
        case let .sourceFailed(reason): return "cannot read the run store: \(reason)"
        case let .writeFailed(path, reason): return "\(path): cannot write: \(reason)"
        case .nothingToReport: return "the run store holds no experiment: run one with `mfae-lab run SPEC` first"
        }
    }
}
