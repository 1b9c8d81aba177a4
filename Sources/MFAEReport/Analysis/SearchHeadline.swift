import MFAECore

/// The verdict of a search under one protocol: each model's winner on the final seeds (the only
/// runs the verdict uses), the models paired by final seed, what the search cost, and whether
/// pruning changed the winner.
public struct SearchHeadline: Sendable {
    /// The comparison, in the form every headline has (entries per model, autoencoder − other).
    public var comparison: HeadlineComparison
    /// The studies of the protocol, models in report order.
    public var studies: [SearchStudyResult]
    /// Reference rows of the protocol.
    public var references: [ReferenceRow]

    /// The protocol.
    public var evaluationProtocol: EvaluationProtocol { comparison.evaluationProtocol }

    /// Cohen's d of paired samples: the mean paired difference over the sd of the differences;
    /// nil without a test.
    public static func effectSize(_ comparison: PairedComparison) -> Double? {
        guard let t = comparison.tTest, t.standardDeviation > 0 else { return nil }
        return t.meanDifference / t.standardDeviation
    }

    /// How the unpruned winner's final test RMSE compares with the pruned winner's: the difference
    /// of their means (pruned − unpruned) and whether it is within one sd of the unpruned winner's
    /// test RMSE across final seeds. Nil unless an audited search picked two different winners
    /// whose final runs are stored.
    public static func pruningEffect(_ study: SearchStudyResult) -> (difference: Double, sd: Double, isWithinOneSD: Bool)? {
        guard let pruned = study.finalGroup?.summary(of: .testRMSE),
              let unpruned = study.unprunedFinalGroup?.summary(of: .testRMSE) else { return nil }
        let sd = unpruned.standardDeviation ?? 0
        let difference = pruned.mean - unpruned.mean
        return (difference, sd, abs(difference) <= sd)
    }

    /// One headline per protocol of `search`, in report order.
    public static func make(_ search: SearchAnalysis) -> [SearchHeadline] {
        search.protocols.map { item in
            let studies = search.studies(in: item)
            let entries = studies.compactMap { study -> HeadlineComparison.Entry? in
                guard let group = study.finalGroup, !group.runs.isEmpty else { return nil }
                return HeadlineComparison.Entry(model: study.study.model, group: group, validRMSE: group.summary(of: .validRMSE),
                                                testRMSE: group.summary(of: .testRMSE), testMSE: group.summary(of: .testMSE),
                                                testMAE: group.summary(of: .testMAE))
            }
            var comparisons: [PairedComparison] = []
            if let autoencoder = entries.first(where: { $0.model == .mfae }) {
                for other in entries where other.model != .mfae {
                    comparisons.append(PairedComparison(autoencoder.group, other.group))
                }
            }
            return SearchHeadline(
                comparison: HeadlineComparison(evaluationProtocol: item, entries: entries, comparisons: comparisons),
                studies: studies, references: search.references.filter { $0.evaluationProtocol == item })
        }
    }
}
