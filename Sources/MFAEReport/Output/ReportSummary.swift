import Foundation
import MFAECore
import MFAELab

/// The machine-readable twin of a report's headline, written beside its README as `summary.json`:
/// per protocol and model, the selected configuration (an object of configuration keys, as
/// ``TrainingConfiguration`` encodes it, without `seed`: `mfae-lab train --config FILE --seed S`
/// re-runs it on seed S), its validation RMSE, and the per-seed test metrics of the runs the
/// verdict uses; then the paired comparisons.
///
/// For a grid, the selected configuration is the one the headline picks (lowest mean validation
/// RMSE across seeds) and `valid_rmse` that mean; for a searched protocol, it is the search's
/// winner, `valid_rmse` the winning trial's, and the runs are its final-seed runs.
public struct ReportSummary: Encodable, Sendable {
    /// `summary.json`.
    public static let fileName = "summary.json"

    /// One run the verdict uses.
    public struct Run: Encodable, Sendable {
        /// Seed of the split, initialisation and masks.
        public var seed: UInt64
        /// The store's run key, which `mfae-lab show` accepts.
        public var run: String
        /// Its metrics by store name (test and validation errors).
        public var metrics: [String: Double]

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(seed, forKey: DynamicKey("seed"))
            try container.encode(run, forKey: DynamicKey("run"))
            for (name, value) in metrics { try container.encode(value, forKey: DynamicKey(name)) }
        }
    }

    /// One model under one protocol.
    public struct Model: Encodable, Sendable {
        var model: String
        /// `grid` or `search`.
        var selection: String
        var configuration: JSONValue
        var validRMSE: Double?
        /// The search's winning trial number (search only).
        var trial: Int?
        var runs: [Run]
        var testRMSE: Statistics?

        enum CodingKeys: String, CodingKey {
            case model, selection, configuration, validRMSE = "valid_rmse", trial, runs, testRMSE = "test_rmse"
        }
    }

    /// Mean, sd and 95% CI of a metric across seeds.
    public struct Statistics: Encodable, Sendable {
        var mean: Double
        var sd: Double?
        var ci95: [Double]?

        init?(_ summary: SampleSummary?) {
            guard let summary else { return nil }
            mean = summary.mean
            sd = summary.standardDeviation
            ci95 = summary.confidenceInterval.map { [$0.lowerBound, $0.upperBound] }
        }
    }

    /// A paired comparison of test RMSE (first − second, by seed).
    public struct Comparison: Encodable, Sendable {
        var first: String, second: String
        var seeds: [UInt64]
        var differences: [Double]
        var meanDifference: Double?
        var ci95: [Double]?
        var tTestP: Double?
        var wilcoxonP: Double?
        var effectSize: Double?

        enum CodingKeys: String, CodingKey {
            case first, second, seeds, differences, meanDifference = "mean_difference", ci95
            case tTestP = "t_test_p", wilcoxonP = "wilcoxon_p", effectSize = "effect_size"
        }
    }

    /// One protocol.
    public struct ProtocolSummary: Encodable, Sendable {
        var evaluationProtocol: String
        var models: [Model]
        var comparisons: [Comparison]

        enum CodingKeys: String, CodingKey { case evaluationProtocol = "protocol", models, comparisons }
    }

    var experiment: String
    var dataset: String
    var datasetFingerprint: String
    var specSHA256: String
    var protocols: [ProtocolSummary]

    enum CodingKeys: String, CodingKey {
        case experiment, dataset, datasetFingerprint = "dataset_fingerprint", specSHA256 = "spec_sha256", protocols
    }

    /// The metrics each run lists, by store name.
    static let runMetrics: [MetricName] = [.testRMSE, .testMSE, .testMAE, .validRMSE]

    /// The summary of `report`.
    public init(_ report: ExperimentReport) throws {
        let experiment = report.analysis.experiment
        self.experiment = experiment.name
        dataset = experiment.datasetName
        datasetFingerprint = experiment.datasetFingerprint
        specSHA256 = experiment.specHash
        let searched = Dictionary(report.searchHeadlines.map { ($0.evaluationProtocol, $0) }, uniquingKeysWith: { a, _ in a })
        protocols = try report.headlines.map { headline in
            let search = searched[headline.evaluationProtocol]
            let models = try headline.entries.map { entry -> Model in
                let study = search?.studies.first { $0.study.model == entry.model }
                var configuration = try JSONValue.of(entry.group.configuration)
                if case var .object(object) = configuration {
                    object["seed"] = nil
                    configuration = .object(object)
                }
                let runs = entry.group.runs.map { run in
                    Run(seed: run.seed, run: run.id, metrics: Dictionary(uniqueKeysWithValues: Self.runMetrics.compactMap { metric in
                        run.value(of: metric).map { (metric.rawValue, $0) }
                    }))
                }
                return Model(model: entry.model.rawValue, selection: study == nil ? "grid" : "search", configuration: configuration,
                             validRMSE: study?.winner?.outcome.objective ?? entry.validRMSE?.mean, trial: study?.winner?.number,
                             runs: runs, testRMSE: Statistics(entry.testRMSE))
            }
            let comparisons = headline.comparisons.map { comparison in
                Comparison(first: comparison.first.model.rawValue, second: comparison.second.model.rawValue,
                           seeds: comparison.seeds, differences: comparison.differences, meanDifference: comparison.summary?.mean,
                           ci95: comparison.summary?.confidenceInterval.map { [$0.lowerBound, $0.upperBound] },
                           tTestP: comparison.tTest?.pValue, wilcoxonP: comparison.wilcoxon?.pValue,
                           effectSize: SearchHeadline.effectSize(comparison))
            }
            return ProtocolSummary(evaluationProtocol: headline.evaluationProtocol.rawValue, models: models, comparisons: comparisons)
        }
    }

    /// Pretty-printed JSON with sorted keys and a final newline: the same report gives the same bytes.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

/// A JSON key named at run time.
struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
