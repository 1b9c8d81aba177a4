import MFAECore

/// Checking a spec's `search` and `models`.
extension SpecChecker {
    /// The `search` object: sampler, budget, protocols, pruner, final seeds.
    mutating func checkSearch(_ value: JSONValue) -> SearchSpec? {
        guard case let .object(object) = value else {
            report(.invalidValue(path: "search", expected: "an object with keys \(SearchSpec.keys.joined(separator: ", "))"))
            return nil
        }
        rejectUnknownKeys(object, allowed: SearchSpec.keys, at: "search.")
        var search = SearchSpec()
        let before = problems.count
        if let sampler = object["sampler"] {
            if case let .string(text) = sampler, let kind = SamplerKind(parsing: text) {
                search.sampler = kind
            } else {
                report(.invalidValue(path: "search.sampler", expected: "one of \(SamplerKind.allowedValues)"))
            }
        }
        search.trials = positiveInteger(object["trials"], at: "search.trials", required: true) ?? search.trials
        search.waveSize = positiveInteger(object["wave_size"], at: "search.wave_size") ?? search.waveSize
        search.startupTrials = nonNegativeInteger(object["startup_trials"], at: "search.startup_trials")
            .map { Int($0) } ?? search.startupTrials
        search.seed = nonNegativeInteger(object["seed"], at: "search.seed") ?? search.seed
        search.splitSeed = nonNegativeInteger(object["split_seed"], at: "search.split_seed") ?? search.splitSeed
        if let protocols = object["protocols"] {
            let expected = "a non-empty list of distinct protocols (\(EvaluationProtocol.allowedValues))"
            if case let .array(items) = protocols, !items.isEmpty {
                var parsed: [EvaluationProtocol] = []
                for (index, item) in items.enumerated() {
                    if case let .string(text) = item, let value = EvaluationProtocol(parsing: text), !parsed.contains(value) {
                        parsed.append(value)
                    } else {
                        report(.invalidValue(path: "search.protocols[\(index)]", expected: expected))
                    }
                }
                search.protocols = parsed
            } else {
                report(.invalidValue(path: "search.protocols", expected: expected))
            }
        }
        if let pruner = object["pruner"] { search.pruner = checkPruner(pruner) ?? search.pruner }
        let expected = "a non-empty list of distinct non-negative integers"
        if let seeds = object["final_seeds"] {
            if case let .array(items) = seeds, !items.isEmpty {
                for (index, item) in items.enumerated() {
                    if let integer = item.integerValue, integer >= 0, !search.finalSeeds.contains(UInt64(integer)) {
                        search.finalSeeds.append(UInt64(integer))
                    } else {
                        report(.invalidValue(path: "search.final_seeds[\(index)]", expected: "a non-negative integer not already listed"))
                    }
                }
            } else {
                report(.invalidValue(path: "search.final_seeds", expected: expected))
            }
        } else {
            report(.missingKey(path: "search.final_seeds", expected: expected))
        }
        return problems.count == before ? search : nil
    }

    private mutating func checkPruner(_ value: JSONValue) -> PrunerSpec? {
        guard case let .object(object) = value else {
            report(.invalidValue(path: "search.pruner", expected: "an object with keys \(PrunerSpec.keys.joined(separator: ", "))"))
            return nil
        }
        rejectUnknownKeys(object, allowed: PrunerSpec.keys, at: "search.pruner.")
        var pruner = PrunerSpec()
        if case let .string(text)? = object["kind"], let kind = PrunerKind(parsing: text) {
            pruner.kind = kind
        } else {
            report(.invalidValue(path: "search.pruner.kind", expected: "one of \(PrunerKind.allowedValues)"))
        }
        pruner.minEpochs = positiveInteger(object["min_epochs"], at: "search.pruner.min_epochs") ?? pruner.minEpochs
        if let factor = positiveInteger(object["reduction_factor"], at: "search.pruner.reduction_factor") {
            if factor < 2 {
                report(.invalidValue(path: "search.pruner.reduction_factor", expected: "an integer ≥ 2"))
            }
            pruner.reductionFactor = factor
        }
        if let audit = object["audit"] {
            if case let .bool(flag) = audit { pruner.audit = flag } else {
                report(.invalidValue(path: "search.pruner.audit", expected: "true or false"))
            }
        }
        if let resource = object["resource"] {
            if case let .string(text) = resource, let value = PruningResource(parsing: text) {
                pruner.resource = value
            } else {
                report(.invalidValue(path: "search.pruner.resource", expected: "one of \(PruningResource.allowedValues)"))
            }
        }
        return pruner
    }

    /// The `models` list: each a model, optional `base`, and a `space` of distributions.
    mutating func checkModels(_ value: JSONValue?, searched: Bool,
                              base: [ConfigurationKey: ConfigurationValue]) -> [ModelSearchSpec] {
        guard let value else {
            if searched { report(.missingKey(path: "models", expected: "a non-empty list of {\"model\": …, \"space\": {…}}")) }
            return []
        }
        if !searched { report(.misplacedKey(path: "models", reason: "models are searched: add a \"search\" object")) }
        guard case let .array(items) = value, !items.isEmpty else {
            report(.invalidValue(path: "models", expected: "a non-empty list of {\"model\": …, \"base\": {…}, \"space\": {…}}"))
            return []
        }
        var result: [ModelSearchSpec] = []
        let forbidden = ["model": "a searched model is its own \"model\" key",
                         "protocol": "protocols come from search.protocols"]
        for (index, item) in items.enumerated() {
            let path = "models[\(index)]"
            guard case let .object(object) = item else {
                report(.invalidValue(path: path, expected: "an object with keys \(ModelSearchSpec.keys.joined(separator: ", "))"))
                continue
            }
            rejectUnknownKeys(object, allowed: ModelSearchSpec.keys, at: path + ".")
            let modelBase = checkParameters(object["base"], at: path + ".base", forbidden: forbidden)
            guard case let .string(text)? = object["model"], let model = ModelKind(parsing: text) else {
                report(.invalidValue(path: path + ".model", expected: "one of \(ModelKind.allowedValues)"))
                continue
            }
            if result.contains(where: { $0.model == model }) {
                report(.invalidValue(path: path + ".model", expected: "a model not already searched"))
            }
            var fixed = TrainingConfiguration()
            for (key, value) in base.merging(modelBase, uniquingKeysWith: { $1 }) { key.set(value, in: &fixed) }
            fixed.model = model
            let space = checkSpace(object["space"], at: path + ".space", forbidden: forbidden, fixed: fixed)
            result.append(ModelSearchSpec(model: model, base: modelBase, space: space))
        }
        return result
    }

    private mutating func checkSpace(_ value: JSONValue?, at path: String, forbidden: [String: String],
                                     fixed: TrainingConfiguration) -> SearchSpace {
        guard case let .object(object)? = value, !object.isEmpty else {
            report(.invalidValue(path: path, expected: "an object mapping parameters to distributions "
                + "({\"uniform\": [a, b]}, {\"log_uniform\": [a, b]}, {\"int_uniform\": [a, b]}, {\"choice\": [...]})"))
            return SearchSpace([:])
        }
        var distributions: [String: Distribution] = [:]
        for key in object.keys.sorted() {
            guard let entry = object[key] else { continue }
            let keyPath = "\(path).\(key)"
            if let reason = forbidden[key] ?? (key == "seed" ? "trials run with search.split_seed, the verdict with search.final_seeds" : nil) {
                report(.misplacedKey(path: keyPath, reason: reason))
                continue
            }
            guard let configurationKey = ExperimentSpec.parameterKeys.first(where: { $0.name == key }) else {
                let names = ExperimentSpec.parameterKeys.map(\.name)
                report(.unknownKey(path: keyPath, allowed: ParameterCheck.allowedList(names, near: key)))
                continue
            }
            if let distribution = checkDistribution(entry, key: configurationKey, at: keyPath, fixed: fixed) {
                distributions[key] = distribution
            }
        }
        return SearchSpace(distributions)
    }

    private mutating func checkDistribution(_ value: JSONValue, key configurationKey: ConfigurationKey, at path: String,
                                            fixed: TrainingConfiguration) -> Distribution? {
        let key = configurationKey.name
        var isReal = false, isInteger = false
        switch configurationKey.kind {
        case .real: isReal = true
        case .integer, .unsignedInteger: isInteger = true
        case .boolean, .enumeration: break
        }
        let kinds = isReal ? ["uniform", "log_uniform", "choice"] : (isInteger ? ["int_uniform", "choice"] : ["choice"])
        let expected = "one distribution object: " + kinds.map { "{\"\($0)\": …}" }.joined(separator: ", ")
        guard case let .object(object) = value, object.count == 1, let kind = object.keys.first, let argument = object[kind] else {
            report(.invalidValue(path: path, expected: expected))
            return nil
        }
        guard kinds.contains(kind) else {
            if Distribution.kindNames.contains(kind) {
                report(.invalidValue(path: "\(path).\(kind)", expected: "\(key) takes \(kinds.joined(separator: " or "))"))
            } else {
                report(.unknownKey(path: "\(path).\(kind)", allowed: ParameterCheck.allowedList(kinds, near: kind)))
            }
            return nil
        }
        let argumentPath = "\(path).\(kind)"
        let distribution: Distribution
        if kind == "choice" {
            guard case let .array(items) = argument, !items.isEmpty else {
                report(.invalidValue(path: argumentPath, expected: "a non-empty list of values"))
                return nil
            }
            var values: [JSONValue] = []
            for (index, item) in items.enumerated() {
                if configurationKey.value(from: item) == nil {
                    report(.invalidValue(path: "\(argumentPath)[\(index)]", expected: configurationKey.kind.expectedType))
                } else if values.contains(item) {
                    report(.invalidValue(path: "\(argumentPath)[\(index)]", expected: "a value not already listed"))
                } else {
                    values.append(item)
                }
            }
            guard values.count == items.count else { return nil }
            distribution = .choice(values)
        } else {
            guard case let .array(bounds) = argument, bounds.count == 2,
                  case let .number(low) = bounds[0], case let .number(high) = bounds[1], low.isFinite, high.isFinite
            else {
                report(.invalidValue(path: argumentPath, expected: "[low, high], two numbers"))
                return nil
            }
            switch kind {
            case "uniform":
                guard low < high else { report(.invalidValue(path: argumentPath, expected: "low < high")); return nil }
                distribution = .uniform(low: low, high: high)
            case "log_uniform":
                guard low > 0, low < high else { report(.invalidValue(path: argumentPath, expected: "0 < low < high")); return nil }
                distribution = .logUniform(low: low, high: high)
            default:
                guard let a = bounds[0].integerValue, let b = bounds[1].integerValue, a <= b else {
                    report(.invalidValue(path: argumentPath, expected: "two integers, low ≤ high"))
                    return nil
                }
                distribution = .intUniform(low: a, high: b)
            }
        }
        // Every extreme value must make a valid configuration with the fixed parameters.
        let extremes: [(JSONValue, String)]
        switch distribution {
        case let .choice(values): extremes = values.enumerated().map { ($0.element, "\(argumentPath)[\($0.offset)]") }
        case let .uniform(low, high), let .logUniform(low, high):
            extremes = [(.number(low), "\(argumentPath)[0]"), (.number(high), "\(argumentPath)[1]")]
        case let .intUniform(low, high):
            extremes = [(.number(Double(low)), "\(argumentPath)[0]"), (.number(Double(high)), "\(argumentPath)[1]")]
        }
        for (extreme, extremePath) in extremes {
            var configuration = fixed
            guard let typed = configurationKey.value(from: extreme) else {
                report(.invalidValue(path: extremePath, expected: configurationKey.kind.expectedType))
                continue
            }
            configurationKey.set(typed, in: &configuration)
            for problem in configuration.problems() where problem.key == key {
                report(.invalidValue(path: extremePath, expected: problem.expected))
            }
        }
        return distribution
    }

    private mutating func positiveInteger(_ value: JSONValue?, at path: String, required: Bool = false) -> Int? {
        guard let value else {
            if required { report(.missingKey(path: path, expected: "a positive integer")) }
            return nil
        }
        guard let integer = value.integerValue, integer >= 1 else {
            report(.invalidValue(path: path, expected: "a positive integer"))
            return nil
        }
        return integer
    }

    private mutating func nonNegativeInteger(_ value: JSONValue?, at path: String) -> UInt64? {
        guard let value else { return nil }
        guard let integer = value.integerValue, integer >= 0 else {
            report(.invalidValue(path: path, expected: "a non-negative integer"))
            return nil
        }
        return UInt64(integer)
    }
}
