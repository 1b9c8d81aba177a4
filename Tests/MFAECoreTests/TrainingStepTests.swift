@testable import MFAECore
import MFAETestSupport
import Testing

/// The training step's strategies: which one a configuration gets, the multi-threaded steps against a
/// serial computation of the same sums, and the team that runs them.
@Suite struct TrainingStepTests {
    static let data = Fixtures.planted(users: 90, items: 40, perUser: 12)

    func makeModel(_ kind: UserEncoder.Kind) -> FactorModel {
        let rows = kind == .perUser ? Self.data.userCount : Self.data.codeCount
        let model = FactorModel(encoder: kind, encoderRows: rows, itemCount: Self.data.itemCount, k: 5, offset: 0)
        var generator = SplitMix64(seed: 11)
        model.initialise(scale: 0.1, generator: &generator)
        return model
    }

    /// One place chooses the step: one thread is serial whatever the optimizer, several threads are a
    /// dense data-parallel team with Adam and a row-sharded team with lazy Adam.
    @Test func strategyFollowsThreadsAndOptimizer() {
        #expect(StepStrategy(threads: 1, optimizer: .adam) == .serial(.all))
        #expect(StepStrategy(threads: 0, optimizer: .lazyAdam) == .serial(.touched))
        #expect(StepStrategy(threads: 2, optimizer: .adam) == .dataParallel(threads: 2))
        #expect(StepStrategy(threads: 4, optimizer: .lazyAdam) == .sharded(threads: 4))
        let model = makeModel(.perUser), ratings = Self.data.ratings
        #expect(StepStrategy(threads: 1, optimizer: .adam).makeStep(model: model, train: ratings) is SerialStep)
        #expect(StepStrategy(threads: 2, optimizer: .adam).makeStep(model: model, train: ratings) is DataParallelStep)
        #expect(StepStrategy(threads: 2, optimizer: .lazyAdam).makeStep(model: model, train: ratings) is ShardedStep)
    }

    /// Dense Adam on a team: two members, each summing its share of the users, then each updating its
    /// range of rows, give bit for bit what one thread gets by accumulating the two shares separately,
    /// adding them in member order and taking one Adam step over every table.
    @Test(arguments: [UserEncoder.Kind.pooledCodes(.kept), .perUser])
    func denseTeamStepEqualsSerialSumOfShares(kind: UserEncoder.Kind) {
        let mode = Adam.Rows.all
        let threads = 2
        let ratings = Self.data.ratings
        let masks = MaskSchedule(fraction: kind == .perUser ? 0 : 0.5, seed: 5)
        let settings = AdamSettings(learningRate: 0.01)
        let parallelModel = makeModel(kind), serialModel = makeModel(kind)
        let parallel = StepStrategy(threads: threads, optimizer: .adam).makeStep(model: parallelModel, train: ratings)
        var scratch = serialModel.makeScratch()
        let layout = mode.gradientLayout
        for step in 1 ... 3 {  // several steps: gradients must be cleared between them
            let batch = Array(stride(from: step - 1, to: ratings.rowCount, by: 3))[...]
            let loss = parallel.step(rows: batch, of: ratings, masks: masks,
                                     settings: StepSettings(perExampleL2: 0.01, adam: settings, step: step, tableL2: 0.02))

            let shares = DataParallelStep.shares(of: batch, in: ratings, count: threads)
            let total = batch.reduce(0) { $0 + ratings.range(ofRow: $1).count }
            var serialLoss = BatchLoss(squaredErrors: 0, count: 0, penalty: 0)
            let memberGradients = shares.map { share in
                let gradients = serialModel.makeGradients(layout: .bySlot)
                let part = serialModel.accumulateBatch(rows: share, of: ratings, masks: masks, perExampleL2: 0.01,
                                                       gradients: gradients, scratch: &scratch, batchCount: total)
                serialLoss.squaredErrors += part.squaredErrors
                serialLoss.penalty += part.penalty
                return gradients
            }
            let summed = serialModel.makeGradients(layout: layout)
            for (index, table) in serialModel.tables.enumerated() {
                for member in memberGradients { summed.tables[index].add(member.tables[index], rowsIn: 0 ..< table.rows) }
                Adam.step(table, gradient: summed.tables[index], settings: settings, step: step, l2: 0.02, rows: mode)
            }
            #expect(loss.squaredErrors == serialLoss.squaredErrors && loss.penalty == serialLoss.penalty)
            #expect(loss.count == total)
            for (a, b) in zip(parallelModel.tables, serialModel.tables) {
                let sameValues = a.values.array == b.values.array
                let sameMoments = a.firstMoment.array == b.firstMoment.array && a.secondMoment.array == b.secondMoment.array
                #expect(sameValues && sameMoments, "\(a.name) after step \(step)")
            }
        }
    }

    /// Lazy Adam on a team (``ShardedStep``): the same batches and masks as one thread, with the sums
    /// taken in another order, so parameters agree with one thread's to rounding after several steps,
    /// and two runs agree bit for bit. A lost or doubled contribution would show far above rounding.
    @Test(arguments: [UserEncoder.Kind.pooledCodes(.kept), .pooledCodes(.all), .perUser], [2, 3])
    func shardedStepAgreesWithOneThread(kind: UserEncoder.Kind, threads: Int) {
        let ratings = Self.data.ratings
        let masks = MaskSchedule(fraction: kind == .perUser ? 0 : 0.5, seed: 5)
        let settings = AdamSettings(learningRate: 0.01)
        func train(threads: Int) -> (FactorModel, [BatchLoss]) {
            let model = makeModel(kind)
            let batches = StepStrategy(threads: threads, optimizer: .lazyAdam).makeStep(model: model, train: ratings)
            let losses = (1 ... 4).map { step in
                let batch = Array(stride(from: step - 1, to: ratings.rowCount, by: 2))[...]
                return batches.step(rows: batch, of: ratings, masks: masks,
                                    settings: StepSettings(perExampleL2: 0.01, adam: settings, step: step, tableL2: 0.02))
            }
            return (model, losses)
        }
        let (one, oneLosses) = train(threads: 1)
        let (team, teamLosses) = train(threads: threads)
        let (again, _) = train(threads: threads)
        for (a, b) in zip(oneLosses, teamLosses) {
            #expect(a.count == b.count)
            #expect(abs(a.squaredErrors - b.squaredErrors) <= 1e-6 * a.squaredErrors, "float rounding only")
            #expect(abs(a.penalty - b.penalty) <= 1e-6 * max(a.penalty, 1e-12))
        }
        for (x, (y, z)) in zip(one.tables, zip(team.tables, again.tables)) {
            let worst = zip(x.values.array, y.values.array).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5, "\(x.name): largest difference \(worst)")
            let identical = y.values.array == z.values.array && y.firstMoment.array == z.firstMoment.array
            #expect(identical, "\(y.name) differs between two runs with \(threads) threads")
        }
    }

    /// Each user's ratings are regrouped by the owner of their item, keeping every rating once.
    @Test func sortByOwnerRegroupsEachUsersRatings() {
        let ratings = Self.data.ratings, k = 5, members = 3
        let (ordered, starts) = ShardedStep.sortByOwner(ratings, k: k, members: members)
        #expect(ordered.count == ratings.count && ordered.offsets == ratings.offsets && ordered.users == ratings.users)
        for row in 0 ..< ratings.rowCount {
            let base = row * (members + 1)
            #expect(starts[base] == ratings.range(ofRow: row).lowerBound)
            #expect(starts[base + members] == ratings.range(ofRow: row).upperBound)
            for member in 0 ..< members {
                for position in starts[base + member] ..< starts[base + member + 1] {
                    #expect(RowShare.owner(ofRow: ordered.items[position], width: k, members: members) == member)
                }
            }
            let before = ratings.range(ofRow: row).map { "\(ratings.items[$0]):\(ratings.codes[$0]):\(ratings.values[$0])" }
            let after = ratings.range(ofRow: row).map { "\(ordered.items[$0]):\(ordered.codes[$0]):\(ordered.values[$0])" }
            #expect(before.sorted() == after.sorted())
        }
    }

    /// Row ranges cover every row once, for any number of members.
    @Test func rowRangesPartitionTheTable() {
        for members in 1 ... 5 {
            for rows in [0, 1, 4, 7, 100] {
                let ranges = (0 ..< members).map { DataParallelStep.range(of: $0, among: members, rows: rows) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == rows)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            }
        }
    }

    /// Every member runs every body, and no member passes a barrier before all have reached it:
    /// each phase reads what every member wrote in the phase before (plain memory, ordered by the
    /// barrier, as the training step's buffers are).
    @Test(arguments: [1, 2, 3])
    func teamRunsEveryMemberAndBarriersSeparatePhases(size: Int) {
        final class Board: @unchecked Sendable {
            let slots: UnsafeMutablePointer<Int>, runs: UnsafeMutablePointer<Int>, mismatches: UnsafeMutablePointer<Int>
            init(_ size: Int) {
                slots = .allocate(capacity: size); slots.initialize(repeating: 0, count: size)
                runs = .allocate(capacity: size); runs.initialize(repeating: 0, count: size)
                mismatches = .allocate(capacity: size); mismatches.initialize(repeating: 0, count: size)
            }
            deinit { slots.deallocate(); runs.deallocate(); mismatches.deallocate() }
        }
        let team = WorkerTeam(size: size), board = Board(size)
        for round in 1 ... 300 {
            team.run { member in
                board.runs[member] += 1
                for phase in 1 ... 3 {
                    board.slots[member] = round * 10 + phase
                    team.barrier()
                    for other in 0 ..< size where board.slots[other] != round * 10 + phase { board.mismatches[member] += 1 }
                    team.barrier()
                }
            }
        }
        for member in 0 ..< size {
            #expect(board.runs[member] == 300)
            #expect(board.mismatches[member] == 0)
        }
    }
}
