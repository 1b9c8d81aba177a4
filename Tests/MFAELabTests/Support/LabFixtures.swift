import Foundation
import MFAEProcess
import MFAECore
@testable import MFAELab

/// Small data, specs and fake trainers for the lab tests.
enum LabFixtures {
    /// A tiny data set: 20 users × 12 items, about half rated.
    static let ratings: RatingSet = {
        var builder = RatingSetBuilder()
        for user in 0 ..< 20 {
            for item in 0 ..< 12 where (user * 7 + item * 3) % 5 < 3 {
                builder.add(userID: "u\(user)", itemID: "i\(item)", value: Float(1 + (user + item) % 5))
            }
        }
        let titles = Dictionary(uniqueKeysWithValues: (0 ..< 12).map { ("i\($0)", "Movie \($0)") })
        return builder.build(name: "tiny", titles: titles)
    }()

    /// A spec as JSON text.
    static func specText(name: String = "test", sweep: String = #"{"mask_fraction": [0, 0.5], "k": [2, 4]}"#,
                         seeds: String = "[0, 1]", baselines: String = #"[{"model": "mf"}, {"model": "item_bias"}]"#,
                         base: String = #"{"epochs": 3}"#) -> String {
        """
        {"name": "\(name)", "description": "a test", "dataset": {"synthetic": {"users": 20, "items": 12, "ratings": 200}},
         "base": \(base), "sweep": \(sweep), "seeds": \(seeds), "baselines": \(baselines)}
        """
    }

    static func spec(_ text: String = specText()) throws -> ExperimentSpec {
        try ExperimentSpec.parse(Data(text.utf8), file: "test.json")
    }

    static func plan(_ text: String = specText(), shard: Shard = .whole) throws -> SweepPlan {
        try SweepPlan(spec: spec(text), specText: text, data: ratings, shard: shard)
    }

    /// A deterministic stand-in for the trainer: metrics are a function of the configuration, one
    /// epoch event per epoch. Diverges when `lr` ≥ 1; sleeps `epochDelay` per epoch and honours
    /// cancellation; counts calls.
    final class FakeTrainer: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var calls: [TrainingConfiguration] = []
        let epochDelay: TimeInterval
        let failingModel: ModelKind?

        init(epochDelay: TimeInterval = 0, failingModel: ModelKind? = nil) {
            self.epochDelay = epochDelay; self.failingModel = failingModel
        }

        var callCount: Int { lock.withLock { calls.count } }

        var function: TrainFunction {
            { [self] configuration, data, isCancelled, observer in
                lock.withLock { calls.append(configuration) }
                if configuration.model == failingModel { throw DatasetError.invalidDataset("injected failure") }
                let score = Self.score(configuration)
                observer(.started(epochs: configuration.epochs, trainRatings: data.count))
                var epochs: [EpochRecord] = []
                for epoch in 1 ... configuration.epochs {
                    if epochDelay > 0 { Thread.sleep(forTimeInterval: epochDelay) }
                    if isCancelled() { throw TrainingError.cancelled }
                    if configuration.learningRate >= 1 { throw TrainingError.diverged(epoch: epoch, loss: .infinity) }
                    let valid = Metrics(squaredErrorSum: score * Double(epoch + 10), absoluteErrorSum: score * 5, count: 10 + epoch)
                    let record = try LabFixtures.epochRecord(epoch: epoch, trainLoss: score / Double(epoch), valid: valid)
                    epochs.append(record)
                    observer(.epochEnded(record))
                }
                let items = configuration.model.isLatent
                    ? ItemParameters(k: configuration.k, biases: (0 ..< data.itemCount).map { Float($0) * 0.1 },
                                     vectors: (0 ..< data.itemCount * configuration.k).map { Float(($0 * 7919) % 13) - 6 + Float(score) })
                    : nil
                return try LabFixtures.result(
                    configuration: configuration, epochs: epochs,
                    valid: Metrics(squaredErrorSum: score * 10, absoluteErrorSum: score * 3, count: 10),
                    test: Metrics(squaredErrorSum: score * 11, absoluteErrorSum: score * 4, count: 10),
                    trainRatings: data.count, items: items)
            }
        }

        /// A number that depends on every relevant parameter.
        static func score(_ configuration: TrainingConfiguration) -> Double {
            let text = configuration.canonicalText
            var hash: UInt64 = 1469598103934665603
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
            return 0.5 + Double(hash % 1000) / 1000
        }
    }

    /// An epoch record (built through `Codable`: the core types have no public memberwise initialisers).
    static func epochRecord(epoch: Int, trainLoss: Double, valid: Metrics) throws -> EpochRecord {
        let object: [String: JSONValue] = [
            "epoch": .number(Double(epoch)), "trainLoss": .number(trainLoss), "trainMSE": .number(trainLoss),
            "valid": try JSONValue.of(valid), "seconds": .number(0.01), "validationSeconds": .number(0.001),
        ]
        return try JSONValue.object(object).decode(EpochRecord.self)
    }

    /// A training result, built through `Codable`.
    static func result(configuration: TrainingConfiguration, epochs: [EpochRecord], valid: Metrics, test: Metrics,
                       trainRatings: Int, items: ItemParameters?) throws -> TrainingResult {
        var object: [String: JSONValue] = [
            "configuration": try JSONValue.of(configuration), "bestEpoch": .number(Double(epochs.count)),
            "epochs": try JSONValue.of(epochs), "valid": try JSONValue.of(valid), "test": try JSONValue.of(test),
            "trainSeconds": .number(0.1), "epochSecondsMedian": .number(0.01), "trainRatings": .number(Double(trainRatings)),
        ]
        if let items { object["items"] = try JSONValue.of(items) }
        return try JSONValue.object(object).decode(TrainingResult.self)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-lab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A provenance whose process is gone: what a `kill -9`ed runner leaves behind.
    static func deadOwner() -> Provenance {
        Provenance(gitRevision: nil, host: ProcessInfo.processInfo.hostName, pid: deadPID())
    }

    /// The id of a process that has exited.
    static func deadPID() -> Int32 {
        guard let process = try? ChildProcess(executable: "/bin/true") else { return Int32.max }
        _ = process.wait()
        return process.pid
    }
}

/// The two store implementations, for tests that run against both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, memory

    var testDescription: String { rawValue }

    func make() throws -> any RunStore {
        switch self {
        case .memory: return InMemoryRunStore()
        case .sqlite: return try SQLiteRunStore(path: LabFixtures.temporaryDirectory().appendingPathComponent("lab.sqlite").path)
        }
    }
}

import Testing
