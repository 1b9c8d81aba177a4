import MFAECore

/// The item-neighbour section of a report: the probe's nearest items for the best autoencoder and
/// MF runs side by side, or why there are none.
public enum NeighbourComparison: Sendable {
    /// The probe was found and at least one run kept its item vectors.
    case found(probeTitle: String, probeItem: Int, lists: [ProbeNeighbours])
    /// The data set's titles are not available.
    case noTitles
    /// No title contains the probe text.
    case probeNotFound(String)
    /// Several titles fit the probe text and none exactly: the candidates, best first.
    case probeAmbiguous(String, candidates: [String])
    /// No best autoencoder or MF run kept its item vectors.
    case noItemParameters

    /// The neighbours of `probe` for the best autoencoder and MF runs of `analysis`. The runs come
    /// from the first protocol (in report order) where a best configuration kept item vectors; of
    /// that configuration's seeds, the run with the lowest validation RMSE.
    public static func make(_ analysis: ExperimentAnalysis, probe: String) -> NeighbourComparison {
        guard let titles = analysis.itemTitles, !titles.isEmpty else { return .noTitles }
        let probeItem: Int
        switch TitleLookup.find(probe, titles: titles) {
        case let .found(item): probeItem = item.position
        case let .ambiguous(items): return .probeAmbiguous(probe, candidates: items.map { titles[$0.position] })
        case .notFound: return .probeNotFound(probe)
        }
        var lists: [ProbeNeighbours] = []
        for model in [ModelKind.mfae, .mf] {
            for item in analysis.protocols {
                guard let group = analysis.bestGroup(of: model, in: item) else { continue }
                let candidates = group.runs.filter { run in
                    guard let items = run.items else { return false }
                    return items.k > 0 && probeItem < min(items.biases.count, titles.count)
                }
                guard let run = candidates.min(by: { ($0.value(of: .validRMSE) ?? .infinity, $0.seed) < ($1.value(of: .validRMSE) ?? .infinity, $1.seed) }),
                      let parameters = run.items else { continue }
                let nearest = ProbeNeighbours.nearest(to: probeItem, in: parameters, titles: titles)
                lists.append(ProbeNeighbours(model: model, evaluationProtocol: item, run: run,
                                            euclidean: nearest.euclidean, cosine: nearest.cosine))
                break
            }
        }
        guard !lists.isEmpty else { return .noItemParameters }
        return .found(probeTitle: titles[probeItem], probeItem: probeItem, lists: lists)
    }
}
