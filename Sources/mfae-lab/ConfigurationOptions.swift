import ArgumentParser
import MFAECore

/// The `train` flags of the configuration keys, one per ``ConfigurationKey``: flag name, help text,
/// default, parsing and range checks all come from the key's table entry.
///
/// swift-argument-parser finds options through stored properties, so each key needs one line here,
/// named after the key (the JSON name in lower camel case: `c_vector` → `cVector`); the tests check
/// that every key has its flag and every flag its key.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .customLong(ConfigurationKey.model.flag), help: help(.model)) var model: String?
    @Option(name: .customLong(ConfigurationKey.evaluationProtocol.flag), help: help(.evaluationProtocol)) var `protocol`: String?
    @Option(name: .customLong(ConfigurationKey.k.flag), help: help(.k)) var k: String?
    @Option(name: .customLong(ConfigurationKey.learningRate.flag), help: help(.learningRate)) var lr: String?
    @Option(name: .customLong(ConfigurationKey.cVector.flag), help: help(.cVector)) var cVector: String?
    @Option(name: .customLong(ConfigurationKey.maskFraction.flag), help: help(.maskFraction)) var maskFraction: String?
    @Option(name: .customLong(ConfigurationKey.normalize.flag), help: help(.normalize)) var normalize: String?
    @Option(name: .customLong(ConfigurationKey.evalMask.flag), help: help(.evalMask)) var evalMask: String?
    @Option(name: .customLong(ConfigurationKey.optimizer.flag), help: help(.optimizer)) var optimizer: String?
    @Option(name: .customLong(ConfigurationKey.regularization.flag), help: help(.regularization)) var regularization: String?
    @Option(name: .customLong(ConfigurationKey.epochs.flag), help: help(.epochs)) var epochs: String?
    @Option(name: .customLong(ConfigurationKey.batchSize.flag), help: help(.batchSize)) var batchSize: String?
    @Option(name: .customLong(ConfigurationKey.batching.flag), help: help(.batching)) var batching: String?
    @Option(name: .customLong(ConfigurationKey.patience.flag), help: help(.patience)) var patience: String?
    @Option(name: .customLong(ConfigurationKey.initScale.flag), help: help(.initScale)) var initScale: String?
    @Option(name: .customLong(ConfigurationKey.clipPredictions.flag), help: help(.clipPredictions)) var clipPredictions: String?
    @Option(name: .customLong(ConfigurationKey.validFraction.flag), help: help(.validFraction)) var validFraction: String?
    @Option(name: .customLong(ConfigurationKey.testFraction.flag), help: help(.testFraction)) var testFraction: String?
    @Option(name: .customLong(ConfigurationKey.threads.flag), help: help(.threads)) var threads: String?
    @Option(name: .customLong(ConfigurationKey.relevanceThreshold.flag), help: help(.relevanceThreshold)) var relevanceThreshold: String?
    @Option(name: .customLong(ConfigurationKey.seed.flag), help: help(.seed)) var seed: String?

    /// The key's help line: its sentence, the values it takes and its default (the standard preset's,
    /// per model where the models differ).
    static func help(_ key: ConfigurationKey) -> ArgumentHelp {
        let values: String
        switch key.kind {
        case let .enumeration(names): values = "values: \(names.joined(separator: ", ")); "
        case .boolean: values = "values: true, false; "
        case .integer, .unsignedInteger, .real: values = ""
        }
        return ArgumentHelp("\(key.help) (\(values)default: \(defaultText(of: key)))", valueName: key.flag)
    }

    /// `key`'s value under the standard preset and its own protocol: `8 for mfae, 32 for mf` where
    /// the models it affects differ, else the one value.
    static func defaultText(of key: ConfigurationKey) -> String {
        let preset = ConfigurationPreset.standard
        let models = ModelKind.allCases.filter { key.isRelevant(to: $0) && key != .model }
        let texts = models.map { key.text(of: preset.value(of: key, for: $0)) }
        guard Set(texts).count > 1 else { return texts.first ?? key.text(of: key.defaultValue) }
        return zip(texts, models).map { "\($0) for \($1)" }.joined(separator: ", ")
    }

    /// The property name of `key`'s option: its JSON name in lower camel case.
    static func propertyName(of key: ConfigurationKey) -> String {
        let words = key.name.split(separator: "_")
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    /// The text given for each key's flag, by key; keys whose flag was not given are absent.
    var givenTexts: [ConfigurationKey: String] {
        var texts: [String: String] = [:]
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let option = child.value as? Option<String?> else { continue }
            texts[label.hasPrefix("_") ? String(label.dropFirst()) : label] = option.wrappedValue
        }
        var result: [ConfigurationKey: String] = [:]
        for key in ConfigurationKey.all {
            if let text = texts[Self.propertyName(of: key)] { result[key] = text }
        }
        return result
    }

    /// The configuration `train` runs, from three layers, each overriding the one before: the
    /// `preset`'s values for the model and protocol (each the flag's, else the file's, else the
    /// default `mfae` and the preset's own protocol), the keys `file` names (`--config`), and the
    /// flags given.
    /// - Throws: a `ValidationError` naming the flag and what it accepts, for a value of the wrong
    ///   type or out of range.
    func makeConfiguration(preset: ConfigurationPreset, file: ConfigurationFile? = nil) throws -> TrainingConfiguration {
        let model = self.model.flatMap { ModelKind(parsing: $0) } ?? file?.model ?? TrainingConfiguration().model
        let evaluationProtocol = self.protocol.flatMap { EvaluationProtocol(parsing: $0) } ?? file?.evaluationProtocol
        var configuration = preset.configuration(for: model, under: evaluationProtocol)
        file?.apply(to: &configuration)
        return try makeConfiguration(base: configuration)
    }

    /// The configuration the flags give: `base` with each given flag's value.
    /// - Throws: a `ValidationError` naming the flag and what it accepts, for a value of the wrong
    ///   type or out of range.
    private func makeConfiguration(base: TrainingConfiguration) throws -> TrainingConfiguration {
        var configuration = base
        for (key, text) in givenTexts.sorted(by: { $0.key.name < $1.key.name }) {
            guard let value = key.value(parsing: text) else {
                throw ValidationError("--\(key.flag): expected \(key.kind.expectedType), got \"\(text)\"")
            }
            key.set(value, in: &configuration)
        }
        if let problem = configuration.problems().first {
            let flag = ConfigurationKey.named(problem.key)?.flag ?? problem.key
            throw ValidationError("--\(flag): expected \(problem.expected)")
        }
        return configuration
    }
}
