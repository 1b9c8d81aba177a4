import MFAECore

/// How trials are proposed.
public enum SamplerKind: String, NamedOption {
    /// Independent uniform coordinates per trial.
    case random
    /// A scrambled (randomly digit-shifted) Sobol sequence: low-discrepancy coverage of the space.
    case sobol
    /// Tree-structured Parzen estimators (as Optuna's TPE): from the trials of completed waves.
    case tpe
}

/// How hopeless trials are stopped early.
public enum PrunerKind: String, NamedOption {
    /// Every trial runs until its own early stopping.
    case none
    /// Asynchronous successive halving against completed waves: at rung epochs `min_epochs·ηʲ` a trial
    /// continues only if its best validation RMSE so far is in the best `1/η` of the earlier trials
    /// that reached that rung.
    case successiveHalving = "successive_halving"
    /// At every epoch from `min_epochs` on, a trial stops when its best validation RMSE so far is worse
    /// than the median of the earlier trials' at the same epoch.
    case median
}

/// What a pruner's rungs count.
public enum PruningResource: String, NamedOption {
    /// Epochs: every trial meets the rungs at the same epochs.
    case epochs
    /// Epochs × k, the work of a trial (an epoch's time grows in proportion to k): `min_epochs`
    /// counts epochs of a trial with the space's smallest k, and a trial with m times that k meets
    /// each rung after 1/m of the epochs (at least one), compared with its peers after the same work.
    /// A cheap configuration that learns slowly is then judged after as much computation as an
    /// expensive one, not after as many epochs.
    case kEpochs = "k_epochs"
}

/// The pruner of a search.
public struct PrunerSpec: Sendable, Equatable {
    public var kind: PrunerKind = .successiveHalving
    /// The first epoch at which a trial can be pruned.
    public var minEpochs: Int = 5
    /// η: the fraction `1/η` of trials promoted at each rung (successive halving).
    public var reductionFactor: Int = 3
    /// When true, a trial that would be pruned runs on to the end and records the epoch at which it
    /// would have stopped (``MetricName/prunedAtEpoch``); the search proceeds exactly as if it had
    /// been pruned. One search then measures the cost of the same trials with and without pruning.
    public var audit: Bool = false
    /// What the rungs count.
    public var resource: PruningResource = .epochs

    /// The JSON keys of a pruner object.
    public static let keys = ["kind", "min_epochs", "reduction_factor", "audit", "resource"]

    /// The fewest earlier trials a threshold needs: η for successive halving, 5 for the median rule.
    public var minimumPeers: Int? {
        switch kind {
        case .none: return nil
        case .successiveHalving: return reductionFactor
        case .median: return 5
        }
    }

    /// A pruner with the defaults above.
    public init() {}
}

/// A search's settings: the `search` object of a spec.
///
/// The search runs in waves of trials per study (model × protocol); the trials of a wave are
/// proposed, and pruned, from the trials of completed waves only, so the same spec gives the same
/// trials and decisions whatever `--jobs`, `--shard` or interruptions (see ``waves``).
public struct SearchSpec: Sendable, Equatable {
    public var sampler: SamplerKind = .tpe
    /// Trials per model and protocol.
    public var trials: Int = 32
    /// Seed of the sampler's streams.
    public var seed: UInt64 = 0
    /// The protocols each model is tuned for (one study each).
    public var protocols: [EvaluationProtocol] = [.warm]
    public var pruner = PrunerSpec()
    /// Seeds of the verdict: each study's winner is re-run on each, with fresh splits.
    public var finalSeeds: [UInt64] = []
    /// The seed (split, initialisation, masks) every trial of the search runs with.
    public var splitSeed: UInt64 = 0
    /// Trials proposed together from the same completed history (the largest wave).
    public var waveSize: Int = 8
    /// Trials drawn at random before TPE models the history (TPE only).
    public var startupTrials: Int = 16

    /// The JSON keys of a search object.
    public static let keys = ["sampler", "trials", "seed", "protocols", "pruner", "final_seeds", "split_seed",
                              "wave_size", "startup_trials"]

    /// The defaults above.
    public init() {}

    /// The trial indices of each wave. With a pruner the first wave holds only the trials its first
    /// thresholds need (η for successive halving, 5 for the median rule), since nothing in it can be
    /// pruned, and each next wave twice as many up to ``waveSize``; without one, every wave holds
    /// ``waveSize``.
    public var waves: [Range<Int>] {
        var result: [Range<Int>] = []
        var size = min(pruner.minimumPeers ?? waveSize, waveSize)
        var start = 0
        while start < trials {
            result.append(start ..< min(start + size, trials))
            start += size
            size = min(size * 2, waveSize)
        }
        return result
    }
}

/// One model of a search: its fixed parameters and its space.
public struct ModelSearchSpec: Sendable, Equatable {
    public var model: ModelKind
    /// Parameters that replace the experiment's `base` for this model.
    public var base: [ConfigurationKey: ConfigurationValue]
    /// The searched keys.
    public var space: SearchSpace

    /// The JSON keys of a model object.
    public static let keys = ["model", "base", "space"]

    /// A model's search.
    public init(model: ModelKind, base: [ConfigurationKey: ConfigurationValue] = [:], space: SearchSpace) {
        self.model = model; self.base = base; self.space = space
    }
}
