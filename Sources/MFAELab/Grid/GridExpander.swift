import MFAECore

extension ExperimentSpec {
    /// Expands the spec into distinct runs: for each seed, every point of the grid then of each
    /// baseline, canonicalized; a point whose canonical configuration was already planned is dropped
    /// (counted in ``ExperimentGrid/collapsedCount``).
    public func expand() -> ExperimentGrid {
        let groups = parameterGroups()
        let pointsByGroup = groups.map { $0.points() }
        var runs: [PlannedRun] = []
        var seen: Set<String> = []
        var collapsed = 0
        for seed in seeds {
            for (group, points) in zip(groups, pointsByGroup) {
                for point in points {
                    let configuration = ParameterGroup.configuration(of: point, seed: seed).canonicalized()
                    let hash = RunKey.configurationHash(configuration)
                    guard seen.insert(hash).inserted else {
                        collapsed += 1
                        continue
                    }
                    let label = Self.label(of: configuration, sweptKeys: group.swept.keys.sorted { $0.name < $1.name })
                    runs.append(PlannedRun(configuration: configuration, configurationHash: hash,
                                           group: group.name, label: label))
                }
            }
        }
        return ExperimentGrid(runs: runs, collapsedCount: collapsed)
    }

    /// `mfae mask_fraction=0.5 protocol=warm seed=1`: the model, the swept keys it uses, the seed.
    static func label(of configuration: TrainingConfiguration, sweptKeys: [ConfigurationKey]) -> String {
        var parts = [configuration.model.rawValue]
        for key in sweptKeys where key != .model && key.isRelevant(to: configuration.model) {
            parts.append("\(key.name)=\(key.text(of: key.value(in: configuration)))")
        }
        parts.append("seed=\(configuration.seed)")
        return parts.joined(separator: " ")
    }
}
