import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// Pins the exact numbers every way of taking a training step produces: a hash of the trained item
/// tables and of every epoch's losses, and the test metrics to the last bit, for each model,
/// optimizer, thread count (one thread, a dense team, a sharded team), batching, protocol and prior.
/// Recorded from the code before the three step paths became one ``TrainingStep``, so a change that
/// moves any step's arithmetic by one rounding shows here. Re-record with
/// `RECORD_GOLDEN=1 swift test --filter TrainingStepFingerprintTests` only for an intended change.
@Suite struct TrainingStepFingerprintTests {
    static let data = Fixtures.planted(users: 120, items: 50, perUser: 14)

    /// Every case of the matrix, in a fixed order.
    static var cases: [TrainingConfiguration] {
        var result: [TrainingConfiguration] = []
        for model in [ModelKind.mfae, .mf] {
            for batching in model == .mf ? [Batching.users, .ratings] : [.users] {
                for optimizer in [OptimizerKind.adam, .lazyAdam] {
                    for evaluationProtocol in [EvaluationProtocol.warm, .heldout] {
                        for regularization in [Regularization.table, .perExample] {
                            for threads in [1, 2, 4] {
                                var c = TrainingConfiguration()
                                c.model = model
                                c.batching = batching
                                c.optimizer = optimizer
                                c.evaluationProtocol = evaluationProtocol
                                c.regularization = regularization
                                c.threads = threads
                                c.maskFraction = model == .mfae ? 0.25 : 0
                                c.k = 4
                                c.epochs = 3
                                c.batchSize = 150
                                c.learningRate = 0.05
                                c.seed = 7
                                result.append(c)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// One line per case: its name, a hash of the result's trained numbers, and the test RMSE.
    static func fingerprint(_ c: TrainingConfiguration) throws -> String {
        let result = try Trainer.run(c, on: data)
        var hash = Fingerprint()
        for record in result.epochs {
            hash.add(record.trainLoss); hash.add(record.trainMSE); hash.add(record.valid.rmse)
        }
        hash.add(result.valid.rmse); hash.add(result.test.rmse); hash.add(result.test.mae)
        for value in (result.items?.biases ?? []) + (result.items?.vectors ?? []) { hash.add(value) }
        let name = "\(c.model.rawValue) \(c.batching.rawValue) \(c.optimizer.rawValue) \(c.evaluationProtocol.rawValue) "
            + "\(c.regularization.rawValue) threads=\(c.threads)"
        let rmse = String(result.test.rmse.bitPattern, radix: 16)
        return "\(name): \(String(hash.value, radix: 16)) test_rmse_bits=\(rmse) (\(result.test.rmse))"
    }

    @Test func everyStepPathGivesTheRecordedNumbers() throws {
        let lines = try Self.cases.map(Self.fingerprint)
        let url = GoldenFile.folder(besides: #filePath).appendingPathComponent("training-step-fingerprints.txt")
        try GoldenFile.verify(lines.joined(separator: "\n") + "\n", against: url)
    }
}

/// FNV-1a over the bit patterns of the numbers added.
private struct Fingerprint {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ x: Double) { add(bits: x.bitPattern) }
    mutating func add(_ x: Float) { add(bits: UInt64(x.bitPattern)) }
    private mutating func add(bits: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            value ^= (bits >> UInt64(shift)) & 0xff
            value = value &* 0x100_0000_01b3
        }
    }
}
