import MFAECore
import MFAETestSupport
import Testing

/// The conformance suite both latent models pass, and the trainer's contracts.
@Suite struct TrainerTests {
    static let data = Fixtures.planted(users: 150, items: 60, perUser: 16)

    func configuration(_ model: ModelKind, _ evaluationProtocol: EvaluationProtocol = .warm) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.model = model
        c.evaluationProtocol = evaluationProtocol
        c.k = 3
        c.epochs = 12
        c.batchSize = 200
        c.learningRate = 0.05
        c.seed = 3
        return c
    }

    @Test(arguments: [ModelKind.mfae, .mf])
    func trainingLossFalls(_ model: ModelKind) throws {
        let result = try Trainer.run(configuration(model), on: Self.data)
        let losses = result.epochs.map(\.trainLoss)
        #expect(losses.count >= 3)
        #expect(losses.last! < losses.first! * 0.7, "\(losses)")
        #expect(result.test.count > 0 && result.test.rmse.isFinite)
        #expect(result.items?.vectors.count == Self.data.itemCount * 3)
    }

    @Test(arguments: [ModelKind.mfae, .mf])
    func sameSeedGivesBitIdenticalResults(_ model: ModelKind) throws {
        var c = configuration(model)
        c.epochs = 4
        let first = try Trainer.run(c, on: Self.data)
        let second = try Trainer.run(c, on: Self.data)
        #expect(first.test == second.test)
        #expect(first.epochs.map(\.trainLoss) == second.epochs.map(\.trainLoss))
        #expect(first.items == second.items)
        c.seed = 4
        #expect(try Trainer.run(c, on: Self.data).items != first.items)
    }

    @Test(arguments: [ModelKind.mfae, .mf], [OptimizerKind.adam, .lazyAdam])
    func threadsAreDeterministicAndAgreeWithOneThread(_ model: ModelKind, optimizer: OptimizerKind) throws {
        var c = configuration(model)
        c.epochs = 4
        c.optimizer = optimizer
        let one = try Trainer.run(c, on: Self.data)
        for threads in [2, 3] {
            c.threads = threads
            let many = try Trainer.run(c, on: Self.data)
            let again = try Trainer.run(c, on: Self.data)
            #expect(many.items == again.items && many.test == again.test, "\(threads) threads")
            // Same masks and batches; only the order of the gradient sums differs.
            #expect(abs(many.test.rmse - one.test.rmse) < 1e-3, "\(threads) threads")
        }
    }

    @Test(arguments: [ModelKind.mfae, .mf])
    func unknownUsersAreFoldedIn(_ model: ModelKind) throws {
        var c = configuration(model, .heldout)
        c.epochs = 30
        let result = try Trainer.run(c, on: Self.data)
        #expect(result.test.rmse.isFinite && result.test.count > 0)
        #expect(result.foldInMillisecondsPerUser != nil)
        // Folding in beats predicting without the user (item biases alone).
        var baseline = configuration(.itemBias, .heldout)
        baseline.epochs = 1
        #expect(result.test.rmse < (try Trainer.run(baseline, on: Self.data)).test.rmse)
    }

    @Test func everyProtocolAndOptimizerRuns() throws {
        for evaluationProtocol in EvaluationProtocol.allCases {
            for optimizer in OptimizerKind.allCases {
                var c = configuration(.mfae, evaluationProtocol)
                c.optimizer = optimizer
                c.epochs = 3
                c.evalMask = evaluationProtocol == .reconstruction
                let result = try Trainer.run(c, on: Self.data)
                #expect(result.test.rmse.isFinite, "\(evaluationProtocol) \(optimizer)")
            }
        }
    }

    @Test func earlyStoppingKeepsTheBestValidationEpoch() throws {
        var c = configuration(.mf)
        c.epochs = 40
        c.patience = 2
        c.learningRate = 0.1
        c.cVector = 0
        let result = try Trainer.run(c, on: Self.data)
        let best = result.epochs.min { $0.valid.rmse < $1.valid.rmse }!
        #expect(result.bestEpoch == best.epoch)
        #expect(result.valid == best.valid)
        #expect(result.epochs.count <= result.bestEpoch + 2)
    }

    @Test func divergenceIsATypedError() {
        var c = configuration(.mf)
        c.learningRate = 1e30
        #expect {
            try Trainer.run(c, on: Self.data)
        } throws: { error in
            if case TrainingError.diverged = error { return true }
            return false
        }
    }

    @Test func cancellationStopsTheRun() {
        #expect(throws: TrainingError.cancelled) {
            try Trainer.run(configuration(.mfae), on: Self.data, isCancelled: { true })
        }
    }

    @Test func trivialBaselinesPredictMeanAndItemBias() throws {
        let mean = try Trainer.run(configuration(.globalMean), on: Self.data)
        let items = try Trainer.run(configuration(.itemBias), on: Self.data)
        #expect(items.test.rmse < mean.test.rmse)
        #expect(mean.bestEpoch == 0 && mean.items == nil)
    }
}
