import MFAECore

/// A parameter value and the JSON path where the spec wrote it, so that a range problem found on a
/// resolved configuration can be reported where the value came from.
struct SourcedValue: Sendable, Hashable {
    /// The parameter's key.
    var key: ConfigurationKey
    /// The value, normalized by the key.
    var value: ConfigurationValue
    /// Where the spec wrote it: `sweep.k[2]`.
    var path: String
}

/// The parameters of one part of a spec (the grid, or one baseline): fixed values and swept lists.
struct ParameterGroup: Sendable {
    /// `grid`, or `baseline mf` (with an index when one model has several baselines).
    var name: String
    var fixed: [ConfigurationKey: SourcedValue]
    var swept: [ConfigurationKey: [SourcedValue]]

    /// Every combination of the swept values over the fixed ones; keys vary in order of their
    /// names, the last key fastest.
    func points() -> [[ConfigurationKey: SourcedValue]] {
        var result: [[ConfigurationKey: SourcedValue]] = [fixed]
        for key in swept.keys.sorted(by: { $0.name < $1.name }) {
            guard let values = swept[key], !values.isEmpty else { continue }
            result = result.flatMap { point in
                values.map { value in
                    var next = point
                    next[key] = value
                    return next
                }
            }
        }
        return result
    }

    /// The configuration of one point with `seed`: the defaults, with each of the point's values set.
    static func configuration(of point: [ConfigurationKey: SourcedValue], seed: UInt64) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        for (key, sourced) in point {
            key.set(sourced.value, in: &configuration)
        }
        configuration.seed = seed
        return configuration
    }
}

extension ExperimentSpec {
    /// The grid's group followed by one group per baseline, in spec order. `baselinePositions` gives
    /// each baseline's index in the spec file when some were dropped as invalid.
    func parameterGroups(baselinePositions: [Int]? = nil) -> [ParameterGroup] {
        let grid = ParameterGroup(
            name: "grid",
            fixed: base.reduce(into: [:]) { $0[$1.key] = SourcedValue(key: $1.key, value: $1.value, path: "base.\($1.key.name)") },
            swept: sweep.reduce(into: [:]) { result, entry in
                result[entry.key] = entry.value.enumerated().map {
                    SourcedValue(key: entry.key, value: $0.element, path: "sweep.\(entry.key.name)[\($0.offset)]")
                }
            })
        var groups = [grid]
        for (position, baseline) in baselines.enumerated() {
            let index = baselinePositions.map { position < $0.count ? $0[position] : position } ?? position
            var group = grid
            let sameModel = baselines.filter { $0.model == baseline.model }.count
            group.name = sameModel > 1 ? "baseline \(baseline.model) #\(index)" : "baseline \(baseline.model)"
            for (key, value) in baseline.base {
                group.fixed[key] = SourcedValue(key: key, value: value, path: "baselines[\(index)].base.\(key.name)")
                group.swept[key] = nil
            }
            for (key, values) in baseline.sweep {
                group.swept[key] = values.enumerated().map {
                    SourcedValue(key: key, value: $0.element, path: "baselines[\(index)].sweep.\(key.name)[\($0.offset)]")
                }
                group.fixed[key] = nil
            }
            group.fixed[.model] = SourcedValue(key: .model, value: .option(baseline.model.rawValue),
                                               path: "baselines[\(index)].model")
            group.swept[.model] = nil
            groups.append(group)
        }
        return groups
    }
}
