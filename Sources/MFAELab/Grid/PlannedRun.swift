import MFAECore

/// One run of an expanded grid, before its data is loaded: a canonical configuration and a label.
public struct PlannedRun: Sendable, Hashable {
    /// The configuration, canonicalized: keys its model ignores hold their defaults.
    public var configuration: TrainingConfiguration
    /// ``RunKey/configurationHash(_:)`` of the configuration: stable before any data is loaded.
    public var configurationHash: String
    /// `grid` or `baseline MODEL`.
    public var group: String
    /// Model, swept parameters and seed, for display: `mfae mask_fraction=0.5 protocol=warm seed=1`.
    public var label: String

    /// Rough relative cost of the run, used to balance shards and estimate remaining time.
    ///
    /// ```
    /// latent: epochs × (k + 4) × (2 for mfae) × (1 + 1024 / batch_size for full adam)
    /// closed-form baselines: 0.05
    /// ```
    public var expectedCost: Double {
        let c = configuration
        guard c.model.isLatent else { return 0.05 }
        var cost = Double(c.epochs) * Double(c.k + 4)
        if c.model == .mfae { cost *= 2 }
        if c.optimizer == .adam { cost *= 1 + 1024 / Double(max(c.batchSize, 1)) }
        return cost
    }
}

/// An experiment's runs after expansion and collapse.
public struct ExperimentGrid: Sendable {
    /// Distinct runs in order: seed by seed, the grid then the baselines.
    public var runs: [PlannedRun]
    /// How many grid points were dropped because they duplicate another run (a parameter the model
    /// ignores, or a baseline equal to a grid point).
    public var collapsedCount: Int

    /// The runs of one shard, in grid order; the shards of a grid partition it exactly.
    public func runs(in shard: Shard) -> [PlannedRun] {
        guard shard.count > 1 else { return runs }
        let owners = shard.assignment(of: runs)
        return runs.indices.filter { owners[$0] == shard.index }.map { runs[$0] }
    }
}
