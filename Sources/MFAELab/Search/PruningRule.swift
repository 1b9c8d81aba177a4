/// An earlier trial as a pruning rule sees it: its curve (validation RMSE per epoch, cut where it was
/// pruned), whether it ran to its own end, and what an epoch of it costs.
public struct PruningPeer: Sendable, Equatable {
    /// Validation RMSE per epoch from epoch 1, cut where the trial was (or, audited, would have been) pruned.
    public var curve: [Double]
    /// Whether it ended by itself (early stopping or its last epoch), not pruned, diverged or failed:
    /// its best value then stands for every later rung it never reached.
    public var ranToEnd: Bool
    /// Work per epoch in the pruner's resource (1 when the resource is epochs; see ``PruningResource``).
    public var scale: Double

    public init(curve: [Double], ranToEnd: Bool, scale: Double = 1) {
        self.curve = curve; self.ranToEnd = ranToEnd; self.scale = scale
    }

    /// Its best validation RMSE after `resource` units of work, if known: at the epoch where it had
    /// done that much, or its final best when it ran to its end before.
    func bestSoFar(atResource resource: Double) -> Double? {
        let epoch = PruningRule.epoch(ofResource: resource, scale: scale)
        guard curve.count >= epoch || ranToEnd else { return nil }
        return curve.prefix(epoch).filter(\.isFinite).min()
    }
}

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

    /// The epoch at which a trial doing `scale` units of work per epoch has done `resource` units
    /// (at least the first).
    static func epoch(ofResource resource: Double, scale: Double) -> Int {
        max(1, Int((resource / scale - 1e-9).rounded(.up)))
    }

    /// The rule for a trial of up to `maxEpochs` epochs doing `scale` units of work per epoch, from
    /// the earlier trials `history`. Rungs are counted in the pruner's resource: a trial meets the
    /// rung at `r` units after `⌈r / scale⌉` epochs, and is compared with each earlier trial's best
    /// validation RMSE after the same work (see ``PruningPeer/bestSoFar(atResource:)``).
    ///
    /// - successive halving: rungs at `min_epochs · ηʲ` units; at a rung known for at least η earlier
    ///   trials, the threshold is the ⌈n/η⌉-th smallest of their values there (the best `1/η` continue).
    /// - median: at every epoch whose work is at least `min_epochs` units and is known for at least 5
    ///   earlier trials, the median of their values.
    public static func make(_ pruner: PrunerSpec, maxEpochs: Int, history: [PruningPeer], scale: Double = 1) -> PruningRule {
        func values(atResource resource: Double) -> [Double] {
            history.compactMap { $0.bestSoFar(atResource: resource) }.sorted()
        }
        var thresholds: [Int: Double] = [:]
        func add(_ threshold: Double, at epoch: Int) {
            thresholds[epoch] = min(thresholds[epoch] ?? .infinity, threshold)
        }
        switch pruner.kind {
        case .none:
            break
        case .successiveHalving:
            var rung = Double(pruner.minEpochs)
            while case let epoch = Self.epoch(ofResource: rung, scale: scale), epoch < maxEpochs {
                let known = values(atResource: rung)
                if known.count >= pruner.reductionFactor {
                    let kept = (known.count + pruner.reductionFactor - 1) / pruner.reductionFactor
                    add(known[kept - 1], at: epoch)
                }
                rung *= Double(pruner.reductionFactor)
            }
        case .median:
            let first = Self.epoch(ofResource: Double(pruner.minEpochs), scale: scale)
            for epoch in first ..< max(maxEpochs, first) {
                let known = values(atResource: Double(epoch) * scale)
                guard known.count >= 5 else { continue }
                let middle = known.count / 2
                add(known.count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2, at: epoch)
            }
        }
        return PruningRule(thresholds: thresholds)
    }
}
