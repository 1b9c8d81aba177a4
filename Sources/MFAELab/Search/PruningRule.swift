/// When a trial stops early: a validation-RMSE threshold at given epochs, computed before the trial
/// starts from the trials of completed waves only, so the decision is a function of the trial's own
/// curve and that fixed history (the same whatever runs beside it, in any order or process).
public struct PruningRule: Sendable, Hashable {
    /// Epoch → threshold: at that epoch a trial whose best validation RMSE so far is above it stops.
    public var thresholds: [Int: Double]

    /// A rule that never prunes.
    public static let never = PruningRule(thresholds: [:])

    /// A rule of explicit thresholds.
    public init(thresholds: [Int: Double]) { self.thresholds = thresholds }

    /// Whether a trial whose best validation RMSE up to `epoch` is `bestSoFar` stops after that epoch.
    public func prunes(epoch: Int, bestSoFar: Double) -> Bool {
        guard let threshold = thresholds[epoch] else { return false }
        return !(bestSoFar <= threshold)
    }

    /// The first epoch at which `curve` (validation RMSE per epoch, from epoch 1) is pruned, if any.
    public func pruningEpoch(of curve: [Double]) -> Int? {
        var best = Double.infinity
        for (offset, value) in curve.enumerated() {
            best = min(best, value)
            if prunes(epoch: offset + 1, bestSoFar: best) { return offset + 1 }
        }
        return nil
    }

    /// The rule of `pruner` for trials of up to `maxEpochs` epochs, from the validation-RMSE curves
    /// of earlier trials (each truncated where it stopped or was pruned).
    ///
    /// - successive halving: rungs at `min_epochs · ηʲ`; at a rung reached by at least η earlier
    ///   trials, the threshold is the ⌈n/η⌉-th smallest of their best-so-far values there (the best
    ///   `1/η` continue).
    /// - median: at every epoch from `min_epochs` reached by at least 5 earlier trials, the median of
    ///   their best-so-far values.
    public static func make(_ pruner: PrunerSpec, maxEpochs: Int, history: [[Double]]) -> PruningRule {
        let bestSoFar = history.map { curve -> [Double] in
            var best = Double.infinity
            return curve.map { best = min(best, $0); return best }
        }
        func values(at epoch: Int) -> [Double] {
            bestSoFar.compactMap { $0.count >= epoch ? $0[epoch - 1] : nil }.filter(\.isFinite).sorted()
        }
        var thresholds: [Int: Double] = [:]
        switch pruner.kind {
        case .none:
            break
        case .successiveHalving:
            var rung = pruner.minEpochs
            while rung < maxEpochs {
                let reached = values(at: rung)
                if reached.count >= pruner.reductionFactor {
                    let kept = (reached.count + pruner.reductionFactor - 1) / pruner.reductionFactor
                    thresholds[rung] = reached[kept - 1]
                }
                rung *= pruner.reductionFactor
            }
        case .median:
            for epoch in pruner.minEpochs ..< max(maxEpochs, pruner.minEpochs) {
                let reached = values(at: epoch)
                guard reached.count >= 5 else { continue }
                let middle = reached.count / 2
                thresholds[epoch] = reached.count % 2 == 1 ? reached[middle] : (reached[middle - 1] + reached[middle]) / 2
            }
        }
        return PruningRule(thresholds: thresholds)
    }
}
