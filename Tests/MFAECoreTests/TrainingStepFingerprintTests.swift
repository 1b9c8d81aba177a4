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

    /// Every case of the matrix, in a fixed order (the first axis outermost); MF alone batches ratings.
    static var cases: [TrainingConfiguration] {
        var base = TrainingConfiguration()
        (base.k, base.epochs, base.batchSize, base.learningRate, base.seed, base.maskFraction) = (4, 3, 150, 0.05, 7, 0.25)
        return [base]
            .varying(\.model, over: [.mfae, .mf])
            .varying(\.batching, over: [.users, .ratings]).filter { $0.model == .mf || $0.batching == .users }
            .varying(\.optimizer, over: [.adam, .lazyAdam])
            .varying(\.evaluationProtocol, over: [.warm, .heldout])
            .varying(\.regularization, over: [.table, .perExample])
            .varying(\.threads, over: [1, 2, 4])
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

extension [TrainingConfiguration] {
    /// Each configuration once with each of `values` at `key`, in order.
    fileprivate func varying<Value>(_ key: WritableKeyPath<TrainingConfiguration, Value>, over values: [Value]) -> [TrainingConfiguration] {
        flatMap { configuration in
            values.map { value in
                var varied = configuration
                varied[keyPath: key] = value
                return varied
            }
        }
    }
}
