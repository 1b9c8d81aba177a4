import Crypto
import Foundation
import MFAECore

/// One experiment as written in `Experiments/NAME.json`: a data set, base parameters, a grid swept
/// over them, seeds, and baselines run beside the grid under the same splits.
///
/// ```json
/// {
///   "name": "mask_sweep",
///   "description": "What question this answers.",
///   "dataset": "ml-100k",
///   "base": {"k": 10, "epochs": 30},
///   "sweep": {"mask_fraction": [0, 0.5, 0.9], "protocol": ["reconstruction", "warm"]},
///   "seeds": [0, 1, 2],
///   "baselines": [{"model": "mf"}, {"model": "item_bias"}]
/// }
/// ```
/// Parameter keys are the ``ConfigurationKey``s except `seed`, which comes from `seeds`; values are
/// typed by their key. Build one with ``parse(_:file:)``: it checks everything, strictly.
public struct ExperimentSpec: Sendable, Equatable {
    /// Short name, used to group runs in the database.
    public var name: String
    /// What question the experiment answers.
    public var description: String
    /// Where the ratings come from.
    public var dataset: DatasetSource
    /// Parameters shared by every run of the grid and, unless they override them, the baselines.
    public var base: [ConfigurationKey: ConfigurationValue]
    /// Lists of values; the grid is their cartesian product, keys taken in order of their names.
    public var sweep: [ConfigurationKey: [ConfigurationValue]]
    /// Every grid point runs once per seed; a seed fixes the split, the initialisation and the masks.
    public var seeds: [UInt64]
    /// Other models run beside the grid.
    public var baselines: [BaselineSpec]
    /// A hyperparameter search (`search` and `models`), run beside the grid; see `Search/`.
    public var search: SearchSpec? = nil
    /// The models a search tunes, each with its space.
    public var models: [ModelSearchSpec] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, dataset, base, sweep, seeds, baselines
    }

    /// The keys a spec object accepts.
    public static let keys: [String] = CodingKeys.allCases.map(\.stringValue) + ["search", "models"]

    /// The parameter keys `base` and `sweep` accept: the configuration's, less `seed`.
    static var parameterKeys: [ConfigurationKey] { ConfigurationKey.all.filter { $0 != .seed } }

    /// Assembles a spec; prefer ``parse(_:file:)``, which validates.
    public init(name: String, description: String = "", dataset: DatasetSource,
                base: [ConfigurationKey: ConfigurationValue] = [:], sweep: [ConfigurationKey: [ConfigurationValue]] = [:],
                seeds: [UInt64], baselines: [BaselineSpec] = []) {
        self.name = name; self.description = description; self.dataset = dataset
        self.base = base; self.sweep = sweep; self.seeds = seeds; self.baselines = baselines
    }

    /// SHA-256 (hex) of a spec's text as written, stored with the experiment.
    public static func hash(of text: Data) -> String {
        SHA256.hash(data: text).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads and parses a spec file. A relative dataset folder is taken relative to the spec file's
    /// folder, not the current directory.
    /// - Throws: ``LabError/unreadable(file:reason:)``, or ``LabError/invalidSpec(file:problems:)``
    ///   listing every problem.
    public static func load(path: String) throws -> (spec: ExperimentSpec, text: Data) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LabError.unreadable(file: path, reason: "cannot read the spec: \(error.localizedDescription)")
        }
        var spec = try parse(data, file: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        spec.dataset = spec.dataset.resolvingRelativePath(against: folder)
        return (spec, data)
    }
}

/// A baseline run beside an experiment's grid. It inherits the experiment's `base` and `sweep`;
/// its own `base` and `sweep` replace the values of the keys they name, and `model` is fixed.
/// Keys the model ignores then collapse (MF has no mask), so `{"model": "mf"}` beside a sweep over
/// `mask_fraction × protocol` runs MF once per protocol and seed, on the same splits.
public struct BaselineSpec: Sendable, Equatable {
    /// The baseline's model.
    public var model: ModelKind
    /// Parameters that replace the experiment's for this baseline.
    public var base: [ConfigurationKey: ConfigurationValue]
    /// Lists of values that replace the experiment's sweep of the same keys.
    public var sweep: [ConfigurationKey: [ConfigurationValue]]

    enum CodingKeys: String, CodingKey, CaseIterable { case model, base, sweep }

    /// The keys a baseline object accepts.
    public static let keys: [String] = CodingKeys.allCases.map(\.stringValue)

    /// A baseline of `model`, optionally with its own parameters.
    public init(model: ModelKind, base: [ConfigurationKey: ConfigurationValue] = [:],
                sweep: [ConfigurationKey: [ConfigurationValue]] = [:]) {
        self.model = model; self.base = base; self.sweep = sweep
    }
}
