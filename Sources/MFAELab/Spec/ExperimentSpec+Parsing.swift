import Foundation
import MFAECore

extension ExperimentSpec {
    /// Parses and checks a spec strictly: unknown keys, wrong types, out-of-range values, empty sweep
    /// lists and missing seeds are each reported with their JSON path and what is allowed, all at
    /// once, before anything runs.
    /// - Throws: ``LabError/malformedJSON(file:reason:)`` or ``LabError/invalidSpec(file:problems:)``.
    public static func parse(_ data: Data, file: String = "spec") throws -> ExperimentSpec {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw LabError.malformedJSON(file: file, reason: Self.reason(for: error))
        }
        var checker = SpecChecker()
        let spec = checker.check(root)
        guard let spec, checker.problems.isEmpty else {
            throw LabError.invalidSpec(file: file, problems: checker.problems)
        }
        return spec
    }

    private static func reason(for error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            if let underlying = context.underlyingError as NSError? {
                return underlying.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
            }
            return context.debugDescription
        }
        return "\(error)"
    }
}

/// Walks a spec's JSON tree, collecting every problem with its path.
struct SpecChecker {
    private(set) var problems: [LabError] = []
    /// The position in the spec's `baselines` list of each baseline kept, for paths.
    private var baselinePositions: [Int] = []
    private static let seedReason = "seeds come from the top-level \"seeds\" list"

    mutating func report(_ problem: LabError) {
        if !problems.contains(problem) { problems.append(problem) }
    }

    mutating func check(_ root: JSONValue) -> ExperimentSpec? {
        guard case let .object(object) = root else {
            report(.invalidValue(path: "(root)", expected: "an object with keys \(ExperimentSpec.keys.joined(separator: ", "))"))
            return nil
        }
        rejectUnknownKeys(object, allowed: ExperimentSpec.keys, at: "")

        let name = string(object["name"], at: "name", required: true, nonEmpty: true)
        let description = string(object["description"], at: "description", required: false, nonEmpty: false)
        let dataset = checkDataset(object["dataset"])
        let base = checkParameters(object["base"], at: "base")
        let sweep = checkSweep(object["sweep"], at: "sweep")
        let search = object["search"].flatMap { checkSearch($0) }
        let models = checkModels(object["models"], searched: object["search"] != nil, base: base)
        // A search spec needs seeds only for a grid of its own.
        let needsSeeds = object["search"] == nil || object["seeds"] != nil || object["sweep"] != nil
            || object["baselines"] != nil
        let seeds = needsSeeds ? checkSeeds(object["seeds"]) : []
        let baselines = checkBaselines(object["baselines"])

        var spec = ExperimentSpec(name: name ?? "", description: description ?? "",
                                  dataset: dataset ?? .named("?"), base: base, sweep: sweep,
                                  seeds: seeds ?? [0], baselines: baselines)
        spec.search = search
        spec.models = models
        if !spec.seeds.isEmpty { checkRanges(of: &spec) }
        guard problems.isEmpty, dataset != nil, seeds != nil, name != nil else { return nil }
        return spec
    }

    // MARK: Structure

    mutating func rejectUnknownKeys(_ object: [String: JSONValue], allowed: [String], at prefix: String) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            report(.unknownKey(path: prefix + key, allowed: ParameterCheck.allowedList(allowed, near: key)))
        }
    }

    private mutating func string(_ value: JSONValue?, at path: String, required: Bool, nonEmpty: Bool) -> String? {
        guard let value else {
            if required { report(.missingKey(path: path, expected: "a non-empty string")) }
            return nil
        }
        guard case let .string(text) = value, !(nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty) else {
            report(.invalidValue(path: path, expected: nonEmpty ? "a non-empty string" : "a string"))
            return nil
        }
        return text
    }

    private mutating func checkSeeds(_ value: JSONValue?) -> [UInt64]? {
        let expected = "a non-empty list of distinct non-negative integers"
        guard let value else {
            report(.missingKey(path: "seeds", expected: expected))
            return nil
        }
        guard case let .array(items) = value, !items.isEmpty else {
            report(.invalidValue(path: "seeds", expected: expected))
            return nil
        }
        var seeds: [UInt64] = []
        for (index, item) in items.enumerated() {
            guard let integer = item.integerValue, integer >= 0 else {
                report(.invalidValue(path: "seeds[\(index)]", expected: "a non-negative integer"))
                continue
            }
            if seeds.contains(UInt64(integer)) {
                report(.invalidValue(path: "seeds[\(index)]", expected: "a seed not already listed"))
                continue
            }
            seeds.append(UInt64(integer))
        }
        return seeds.count == items.count ? seeds : nil
    }

    /// The parameter key named `name` in an object at `path`, or nil after reporting a misplaced
    /// (`seed`, a baseline's `model`) or unknown key.
    private mutating func parameterKey(_ name: String, at path: String, forbidden: [String: String]) -> ConfigurationKey? {
        if let reason = forbidden[name] ?? (name == ConfigurationKey.seed.name ? Self.seedReason : nil) {
            report(.misplacedKey(path: path, reason: reason))
            return nil
        }
        guard let key = ExperimentSpec.parameterKeys.first(where: { $0.name == name }) else {
            report(.unknownKey(path: path, allowed: ParameterCheck.allowedList(ExperimentSpec.parameterKeys.map(\.name), near: name)))
            return nil
        }
        return key
    }

    /// `base`-like objects: known parameter keys with values of the right type. Bad entries are
    /// reported and left out.
    mutating func checkParameters(_ value: JSONValue?, at path: String,
                                          forbidden: [String: String] = [:]) -> [ConfigurationKey: ConfigurationValue] {
        guard let value else { return [:] }
        guard case let .object(object) = value else {
            report(.invalidValue(path: path, expected: "an object of parameters"))
            return [:]
        }
        var result: [ConfigurationKey: ConfigurationValue] = [:]
        for name in object.keys.sorted() {
            guard let entry = object[name], let key = parameterKey(name, at: "\(path).\(name)", forbidden: forbidden) else { continue }
            if let typed = key.value(from: entry) {
                result[key] = typed
            } else {
                report(.invalidValue(path: "\(path).\(name)", expected: key.kind.expectedType))
            }
        }
        return result
    }

    private mutating func checkSweep(_ value: JSONValue?, at path: String,
                                     forbidden: [String: String] = [:]) -> [ConfigurationKey: [ConfigurationValue]] {
        guard let value else { return [:] }
        guard case let .object(object) = value else {
            report(.invalidValue(path: path, expected: "an object mapping parameters to lists of values"))
            return [:]
        }
        var result: [ConfigurationKey: [ConfigurationValue]] = [:]
        for name in object.keys.sorted() {
            let keyPath = "\(path).\(name)"
            guard let entry = object[name], let key = parameterKey(name, at: keyPath, forbidden: forbidden) else { continue }
            guard case let .array(items) = entry, !items.isEmpty else {
                report(.invalidValue(path: keyPath, expected: "a non-empty list, each value \(key.kind.expectedType)"))
                continue
            }
            var values: [ConfigurationValue] = []
            for (index, item) in items.enumerated() {
                guard let typed = key.value(from: item) else {
                    report(.invalidValue(path: "\(keyPath)[\(index)]", expected: key.kind.expectedType))
                    continue
                }
                if values.contains(typed) {
                    report(.invalidValue(path: "\(keyPath)[\(index)]", expected: "a value not already listed"))
                } else {
                    values.append(typed)
                }
            }
            if !values.isEmpty { result[key] = values }
        }
        return result
    }

    private mutating func checkBaselines(_ value: JSONValue?) -> [BaselineSpec] {
        guard let value else { return [] }
        guard case let .array(items) = value else {
            report(.invalidValue(path: "baselines", expected: "a list of {\"model\": …, \"base\": {…}, \"sweep\": {…}} objects"))
            return []
        }
        var result: [BaselineSpec] = []
        let forbidden = ["model": "a baseline's model is its own \"model\" key"]
        for (index, item) in items.enumerated() {
            let path = "baselines[\(index)]"
            guard case let .object(object) = item else {
                report(.invalidValue(path: path, expected: "an object with keys \(BaselineSpec.keys.joined(separator: ", "))"))
                continue
            }
            rejectUnknownKeys(object, allowed: BaselineSpec.keys, at: path + ".")
            let base = checkParameters(object["base"], at: path + ".base", forbidden: forbidden)
            let sweep = checkSweep(object["sweep"], at: path + ".sweep", forbidden: forbidden)
            guard let modelValue = object["model"] else {
                report(.missingKey(path: path + ".model", expected: "one of \(ModelKind.allowedValues)"))
                continue
            }
            guard case let .string(text) = modelValue, let model = ModelKind(parsing: text) else {
                report(.invalidValue(path: path + ".model", expected: "one of \(ModelKind.allowedValues)"))
                continue
            }
            result.append(BaselineSpec(model: model, base: base, sweep: sweep))
            baselinePositions.append(index)
        }
        return result
    }

    // MARK: Data set

    private mutating func checkDataset(_ value: JSONValue?) -> DatasetSource? {
        let forms = "\"ml-100k\", \"synthetic\", a folder path, {\"synthetic\": {…}} or {\"folder\": \"…\", \"format\": \"…\"}"
        guard let value else {
            report(.missingKey(path: "dataset", expected: forms))
            return nil
        }
        switch value {
        case let .string(text) where !text.isEmpty:
            break
        case let .object(object):
            if let parameters = object["synthetic"] {
                rejectUnknownKeys(object, allowed: ["synthetic"], at: "dataset.")
                guard case let .object(fields) = parameters else {
                    report(.invalidValue(path: "dataset.synthetic", expected: "an object of generator parameters"))
                    return nil
                }
                checkSynthetic(fields)
            } else if let folder = object["folder"] {
                rejectUnknownKeys(object, allowed: ["folder", "format", "fold"], at: "dataset.")
                if case let .string(path) = folder, !path.isEmpty {} else {
                    report(.invalidValue(path: "dataset.folder", expected: "a folder path"))
                }
                if let format = object["format"] {
                    if case let .string(text) = format, MovieLensFormat(parsing: text) != nil {} else {
                        report(.invalidValue(path: "dataset.format", expected: "one of \(MovieLensFormat.allowedValues)"))
                    }
                }
            } else {
                report(.invalidValue(path: "dataset", expected: forms))
                return nil
            }
        default:
            report(.invalidValue(path: "dataset", expected: forms))
            return nil
        }
        guard problems.filter({ $0.path?.hasPrefix("dataset") == true }).isEmpty else { return nil }
        do {
            return try value.decode(DatasetSource.self)
        } catch {
            report(.invalidValue(path: "dataset", expected: forms))
            return nil
        }
    }

    /// The generator's parameters: known keys, each of the right type, and together in range
    /// (``SyntheticParameters/problems()``).
    private mutating func checkSynthetic(_ fields: [String: JSONValue]) {
        rejectUnknownKeys(fields, allowed: SyntheticParameters.keys, at: "dataset.synthetic.")
        var valid: [String: JSONValue] = [:]
        for key in fields.keys.sorted() where SyntheticParameters.keys.contains(key) {
            guard let field = fields[key] else { continue }
            if (try? JSONValue.object([key: field]).decode(SyntheticParameters.self)) == nil {
                // A number that does not decode is a fraction (or negative) where a count is expected.
                let isNumber: Bool
                if case .number = field { isNumber = true } else { isNumber = false }
                report(.invalidValue(path: "dataset.synthetic.\(key)",
                                     expected: isNumber ? "a non-negative integer" : "a number"))
            } else {
                valid[key] = field
            }
        }
        guard let parameters = try? JSONValue.object(valid).decode(SyntheticParameters.self) else { return }
        for problem in parameters.problems() {
            report(.invalidValue(path: "dataset.synthetic.\(problem.key)", expected: problem.expected))
        }
    }

    // MARK: Ranges

    /// Resolves every point of the grid and the baselines and reports the problems of each resolved
    /// configuration at the path where the offending value was written.
    private mutating func checkRanges(of spec: inout ExperimentSpec) {
        let seed = spec.seeds.first ?? 0
        let groups = spec.parameterGroups(baselinePositions: baselinePositions)
        // Each value alone against its key's range, so that a value the grid never uses (a base value
        // that a sweep overrides) is still checked. Problems that depend on two values (valid + test
        // fractions) are left to the resolved configurations below.
        for group in groups {
            let values = group.fixed.values.map { [$0] } + group.swept.values.map { $0 }
            for sourced in values.joined() {
                if let expected = sourced.key.kind.problem(with: sourced.value) {
                    report(.invalidValue(path: sourced.path, expected: expected))
                }
            }
        }
        for group in groups {
            for point in group.points() {
                let configuration = ParameterGroup.configuration(of: point, seed: seed)
                for problem in configuration.problems() {
                    let path = ConfigurationKey.named(problem.key).flatMap { point[$0]?.path } ?? "base.\(problem.key)"
                    report(.invalidValue(path: path, expected: problem.expected))
                }
            }
        }
    }
}
