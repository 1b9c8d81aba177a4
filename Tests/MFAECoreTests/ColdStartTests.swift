import MFAECore
import MFAETestSupport
import Testing

/// The cold-start curve: subsets are prefixes of one seeded order, fixed by the split's seed alone,
/// and every model with the same seed sees the same subsets and targets.
@Suite struct ColdStartTests {
    func heldoutSplit(seed: UInt64) throws -> ProtocolSplit {
        let data = Fixtures.planted(users: 60, items: 40, perUser: 14)
        return try ProtocolSplit.make(data, protocol: .heldout, validFraction: 0.2, testFraction: 0.2, seed: seed)
    }

    @Test func subsetsArePrefixesOfOneSeededOrder() throws {
        let input = try heldoutSplit(seed: 3).test.input
        let order = ColdStartEvaluation.order(of: input, seed: 3)
        #expect(order == ColdStartEvaluation.order(of: input, seed: 3))
        #expect(order != ColdStartEvaluation.order(of: input, seed: 4))
        var previous: RatingsByUser?
        for n in ColdStartEvaluation.historyLengths {
            let subset = ColdStartEvaluation.prefix(of: input, order: order, count: n)
            #expect(subset.rowCount == input.rowCount)
            for row in 0 ..< input.rowCount {
                let kept = Set(subset.range(ofRow: row).map { subset.items[$0] })
                let expected = Set((n.map { Array(order[row].prefix($0)) } ?? order[row]).map { input.items[$0] })
                #expect(kept == expected)
                #expect(subset.range(ofRow: row).count == min(n ?? .max, input.range(ofRow: row).count))
                if let previous {
                    #expect(Set(previous.range(ofRow: row).map { previous.items[$0] }).isSubset(of: kept))
                }
            }
            previous = subset
        }
        #expect(ColdStartEvaluation.prefix(of: input, order: order, count: nil) == input)
    }

    @Test func identicalAcrossModelsAndAllMatchesTheTestPass() throws {
        let data = Fixtures.planted(users: 80, items: 40, perUser: 12)
        var results: [ModelKind: TrainingResult] = [:]
        for model in [ModelKind.mfae, .mf, .itemBias, .globalMean] {
            var c = TrainingConfiguration()
            c.model = model
            c.evaluationProtocol = .heldout
            c.k = 3
            c.epochs = 3
            c.seed = 5
            c.validFraction = 0.2
            c.testFraction = 0.2
            results[model] = try Trainer.run(c, on: data)
        }
        let curves = try results.mapValues { try #require($0.measures?.coldStart) }
        let reference = try #require(curves[.mfae])
        #expect(reference.points.map(\.given) == ColdStartEvaluation.historyLengths)
        for (model, curve) in curves {
            // The baseline depends on the split and subsets only, so it is the same for every model.
            #expect(curve.points.map(\.baseline) == reference.points.map(\.baseline), "\(model)")
            #expect(curve.points.map(\.model.count) == reference.points.map(\.model.count), "\(model)")
            // With every given rating the curve is the test pass.
            let all = try #require(curve.points.last)
            #expect(abs(all.model.rmse - (results[model]?.test.rmse ?? .nan)) < 1e-9, "\(model)")
        }
        // The item-bias model ignores the user: flat; the baseline without ratings is the item-bias model.
        let itemBias = try #require(curves[.itemBias])
        #expect(Set(itemBias.points.map(\.model.rmse)).count == 1)
        // Throughput is measured for latent models only.
        #expect(results[.mfae]?.measures?.foldInUsersPerSecond ?? 0 > 0)
        #expect(results[.mf]?.measures?.foldInUsersPerSecond ?? 0 > 0)
        #expect(results[.mf]?.measures?.foldInUsersPerSecondOneThread ?? 0 > 0)
        #expect(results[.itemBias]?.measures?.foldInUsersPerSecond == nil)
    }

    @Test func baselineByHand() {
        // μ = 3, c = [0.5, −0.5] (no shrinkage in this hand model); a user who gave item 0 a 5:
        // b_u = (5 − 3 − 0.5) / (1 + 5) = 0.25; prediction for item 1: 3 − 0.5 + 0.25 = 2.75.
        let baseline = UserBiasBaseline(mean: 3, itemBiases: [0.5, -0.5])
        var input = RatingsByUser(), targets = RatingsByUser()
        input.appendRow(user: 0, items: [0], codes: [0], values: [5])
        targets.appendRow(user: 0, items: [1], codes: [0], values: [3])
        #expect(abs(baseline.userOffset(row: 0, of: input) - 0.25) < 1e-12)
        let metrics = baseline.evaluate(on: EvaluationSet(input: input, targets: targets), clip: nil)
        #expect(abs(metrics.rmse - 0.25) < 1e-6)
    }
}
