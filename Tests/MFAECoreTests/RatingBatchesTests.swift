import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// `batching: ratings`: minibatches of single ratings for MF.
@Suite struct RatingBatchesTests {
    static let data = Fixtures.planted(users: 40, items: 25, perUser: 8)

    @Test func ratingRowsPutEachRatingInARowOfItsOwn() {
        var grouped = RatingsByUser()
        grouped.appendRow(user: 4, items: [1, 2, 3], codes: [10, 20, 30], values: [5, 4, 3])
        grouped.appendRow(user: 9, items: [7, 8], codes: [70, 80], values: [1, 2])
        let rows = grouped.ratingRows
        #expect(rows.users == [4, 4, 4, 9, 9])
        #expect(rows.offsets == [0, 1, 2, 3, 4, 5])
        #expect(rows.items == grouped.items && rows.codes == grouped.codes && rows.values == grouped.values)
    }

    /// The same ratings in one batch, grouped by user or one per row: the same loss (the per-example
    /// prior counts a user's vector once per rating either way) and the same gradient, to rounding.
    @Test func ratingRowsGiveTheGradientOfTheGroupedBatch() {
        let train = Self.data.ratings
        func batch(_ data: RatingsByUser) -> (BatchLoss, FactorModel, ModelGradients) {
            let model = FactorModel(encoder: .perUser, encoderRows: Self.data.userCount, itemCount: Self.data.itemCount,
                                    k: 5, offset: 3)
            var generator = SplitMix64(seed: 2)
            model.initialise(scale: 0.3, generator: &generator)
            let gradients = model.makeGradients(layout: .byRow)
            var scratch = model.makeScratch()
            let loss = model.accumulateBatch(rows: 0 ..< data.rowCount, of: data, masks: .keepAll, perExampleL2: 0.05,
                                             gradients: gradients, scratch: &scratch)
            return (loss, model, gradients)
        }
        let (grouped, model, groupedGradients) = batch(train)
        let (single, _, singleGradients) = batch(train.ratingRows)
        #expect(grouped.count == single.count)
        #expect(abs(grouped.squaredErrors - single.squaredErrors) < 1e-9 * grouped.squaredErrors)
        #expect(abs(grouped.penalty - single.penalty) < 1e-6 * grouped.penalty)
        for (table, (a, b)) in zip(model.tables, zip(groupedGradients.tables, singleGradients.tables)) {
            for row in 0 ..< table.rows {
                for (x, y) in zip(a.gradient(ofRow: row), b.gradient(ofRow: row)) {
                    #expect(abs(x - y) <= 1e-5 * max(abs(x), 1e-3), "\(table.name)[\(row)]")
                }
            }
        }
    }

    @Test func gradientOfASingleRatingBatchMatchesFiniteDifferences() {
        let rows = Self.data.ratings.ratingRows
        let model = FactorModel(encoder: .perUser, encoderRows: Self.data.userCount, itemCount: Self.data.itemCount,
                                k: 4, offset: 0.7)
        var generator = SplitMix64(seed: 11)
        model.initialise(scale: 0.5, generator: &generator)
        // Two ratings of the same user in one batch, and others: the user's row is touched twice.
        let comparisons = GradientChecker.check(model: model, rows: [0, 1, 17, 40, 41, 99], of: rows, masks: .keepAll,
                                                tableL2: 0, perExampleL2: 0.03)
        #expect(Set(comparisons.map(\.table)).count == 4, "every table is checked")
        for comparison in comparisons {
            #expect(comparison.relativeError < 1e-3, "\(comparison)")
        }
    }

    func configuration(_ optimizer: OptimizerKind = .adam) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.model = .mf
        c.k = 3
        c.epochs = 6
        c.batchSize = 64
        c.learningRate = 0.01
        c.initScale = 0.1
        c.regularization = .perExample
        c.cVector = 0.02
        c.optimizer = optimizer
        c.batching = .ratings
        c.seed = 5
        return c
    }

    @Test(arguments: [OptimizerKind.adam, .lazyAdam])
    func trainingWithRatingBatchesLearnsAndIsDeterministic(_ optimizer: OptimizerKind) throws {
        let c = configuration(optimizer)
        let first = try Trainer.run(c, on: Self.data)
        let losses = first.epochs.map(\.trainLoss)
        #expect(losses.last! < losses.first!, "\(losses)")
        let again = try Trainer.run(c, on: Self.data)
        #expect(first.items == again.items && first.test == again.test)
        var users = c
        users.batching = .users
        #expect(try Trainer.run(users, on: Self.data).items != first.items, "a different batching trains differently")
    }

    @Test(arguments: [OptimizerKind.adam, .lazyAdam])
    func ratingBatchesRunOnSeveralThreads(_ optimizer: OptimizerKind) throws {
        var c = configuration(optimizer)
        c.epochs = 3
        let one = try Trainer.run(c, on: Self.data)
        c.threads = 2
        let two = try Trainer.run(c, on: Self.data)
        #expect(two.items == (try Trainer.run(c, on: Self.data)).items)
        #expect(abs(two.test.rmse - one.test.rmse) < 1e-3)
    }

    @Test func theAutoencoderIgnoresIt() throws {
        var c = configuration()
        c.model = .mfae
        c.epochs = 2
        #expect(c.problems().isEmpty)
        let ratings = try Trainer.run(c, on: Self.data)
        c.batching = .users
        #expect(try Trainer.run(c, on: Self.data).items == ratings.items)
    }

    /// Added after canonical version 2: in the canonical text only when it is not its legacy value
    /// (`users`), so every earlier configuration keeps its run key.
    @Test func batchingIsWrittenOnlyWhenNotTheDefault() throws {
        var c = configuration()
        #expect(c.canonicalText.contains("\nbatching=ratings\n"))
        c.batching = .users
        #expect(!c.canonicalText.contains("batching"))
        c.batching = .ratings
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: try JSONEncoder().encode(c))
        #expect(decoded.batching == .ratings)
    }

    @Test func batchingIsCanonicalForMFOnly() {
        var c = configuration()
        #expect(c.canonicalized().batching == .ratings)
        c.model = .itemBias
        #expect(c.canonicalized().batching == .users)
    }
}
