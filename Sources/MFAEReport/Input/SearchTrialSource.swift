import Foundation
import MFAELab

/// A ``ReportSource`` that can also read a search's trials back: how each trial ended, as the
/// search itself sees it (``SearchResults/outcome(of:rule:in:)``), and reference rows of results
/// obtained outside the harness. The run store can; an in-memory source of finished runs cannot,
/// and its reports then have no search sections.
public protocol SearchTrialSource {
    /// How `trial` ended under its wave's `rule`; nil when it is not stored or has not ended.
    func trialOutcome(_ trial: SearchTrial, rule: PruningRule) throws -> TrialOutcome?
    /// Reference rows for `experiment` (other libraries' results on the same splits), or none.
    func referenceRows(of experiment: String) throws -> [ReferenceRow]
}

extension RunStoreReportSource: SearchTrialSource {
    public func trialOutcome(_ trial: SearchTrial, rule: PruningRule) throws -> TrialOutcome? {
        try SearchResults.outcome(of: trial, rule: rule, in: store)
    }

    /// The rows of `reference/<experiment>.json` in the first of ``specFolders`` that has one.
    public func referenceRows(of experiment: String) throws -> [ReferenceRow] {
        for folder in specFolders {
            let file = folder.appendingPathComponent(ReferenceRow.folder).appendingPathComponent("\(experiment).json")
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            return try ReferenceRow.parse(data, file: file.path)
        }
        return []
    }
}
