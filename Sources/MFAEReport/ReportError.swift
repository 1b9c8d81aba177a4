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
    /// Reports of complete experiments in the output folder would be replaced by incomplete ones.
    case wouldReplaceComplete(folder: String, experiments: [String])
    /// The output folder holds reports of experiments this report would drop.
    case wouldDrop(folder: String, experiments: [String])

    public var description: String {
        switch self {
        case let .unknownExperiment(name, known):
            let list = known.isEmpty ? "the store has none" : "known: \(known.joined(separator: ", "))"
            return "no experiment named \"\(name)\" (\(list))"
        case let .sourceFailed(reason): return "cannot read the run store: \(reason)"
        case let .writeFailed(path, reason): return "\(path): cannot write: \(reason)"
        case .nothingToReport: return "the run store holds no experiment: run one with `mfae-lab run SPEC` first"
        case let .wouldReplaceComplete(folder, experiments):
            return "\(folder) holds complete reports of \(experiments.joined(separator: ", ")), and these experiments are "
                + "incomplete in this database (runs pending, running or interrupted); nothing was written. Finish the runs "
                + "(running the spec again resumes), write to another --out, or pass --allow-incomplete"
        case let .wouldDrop(folder, experiments):
            return "\(folder) also holds reports of \(experiments.joined(separator: ", ")), which this report would drop "
                + "(a report folder holds exactly the experiments reported); nothing was written. Report them too, write "
                + "to another --out, or remove those folders first"
        }
    }
}
