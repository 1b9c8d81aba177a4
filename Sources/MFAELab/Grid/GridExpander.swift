import MFAECore

extension ExperimentSpec {
    /// Expands the spec into distinct runs: for each seed, every point of the grid then of each
    /// baseline, canonicalized; a point whose canonical configuration was already planned is dropped
    /// (counted in ``ExperimentGrid/collapsedCount``).
    /// - Throws: only if a value does not decode, which ``parse(_:file:)`` has already ruled out.
    public func expand() throws -> ExperimentGrid {
        let groups = parameterGroups()
        let pointsByGroup = groups.map { $0.points() }
        var runs: [PlannedRun] = []
        var seen: Set<String> = []
        var collapsed = 0
        for seed in seeds {
            for (group, points) in zip(groups, pointsByGroup) {
                for point in points {
                    let configuration = try ParameterGroup.configuration(of: point, seed: seed).canonicalized()
                    let hash = try RunKey.configurationHash(configuration)
                    guard seen.insert(hash).inserted else {
                        collapsed += 1
                        continue
                    }
                    let label = try Self.label(of: configuration, sweptKeys: group.swept.keys.sorted())
                    runs.append(PlannedRun(configuration: configuration, configurationHash: hash,
                                           group: group.name, label: label))
                }
            }
        }
        return ExperimentGrid(runs: runs, collapsedCount: collapsed)
    }

    /// `mfae mask_fraction=0.5 protocol=warm seed=1`: the model, the swept keys it uses, the seed.
    static func label(of configuration: TrainingConfiguration, sweptKeys: [String]) throws -> String {
        guard case let .object(values) = try JSONValue.of(configuration) else { return configuration.model.rawValue }
        let relevant = configuration.relevantKeys
        var parts = [configuration.model.rawValue]
        for key in sweptKeys where key != "model" && relevant.contains(key) {
            if let value = values[key] { parts.append("\(key)=\(value)") }
        }
        parts.append("seed=\(configuration.seed)")
        return parts.joined(separator: " ")
    }
}
