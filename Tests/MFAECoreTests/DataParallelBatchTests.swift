@testable import MFAECore
import MFAETestSupport
import Testing

/// The multi-threaded training step against a serial computation of the same sums, and the team
/// that runs it.
@Suite struct DataParallelBatchTests {
    static let data = Fixtures.planted(users: 90, items: 40, perUser: 12)

    func makeModel(_ kind: UserEncoder.Kind) -> FactorModel {
        let rows = kind == .perUser ? Self.data.userCount : Self.data.codeCount
        let model = FactorModel(encoder: kind, encoderRows: rows, itemCount: Self.data.itemCount, k: 5, offset: 0)
        var generator = SplitMix64(seed: 11)
        model.initialise(scale: 0.1, generator: &generator)
        return model
    }

    /// Two members, each summing its share of the users, then each updating its range of rows, give
    /// bit for bit what one thread gets by accumulating the two shares separately, adding them in
    /// member order and taking one Adam step over every table.
    @Test(arguments: [UserEncoder.Kind.pooledCodes(.kept), .perUser], [Adam.Rows.touched, .all])
    func teamStepEqualsSerialSumOfShares(kind: UserEncoder.Kind, mode: Adam.Rows) {
        let threads = 2
        let ratings = Self.data.ratings
        let masks = MaskSchedule(fraction: kind == .perUser ? 0 : 0.5, seed: 5)
        let settings = AdamSettings(learningRate: 0.01)
        let parallelModel = makeModel(kind), serialModel = makeModel(kind)
        let parallel = DataParallelBatch(model: parallelModel, threads: threads, mode: mode)
        var scratch = serialModel.makeScratch()
        let layout: GradientTable.Layout = mode == .all ? .byRow : .bySlot
        for step in 1 ... 3 {  // several steps: gradients must be cleared between them
            let batch = Array(stride(from: step - 1, to: ratings.rowCount, by: 3))[...]
            let loss = parallel.step(rows: batch, of: ratings, masks: masks, perExampleL2: 0.01,
                                     settings: settings, step: step, tableL2: 0.02)

            let shares = DataParallelBatch.shares(of: batch, in: ratings, count: threads)
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

    /// Row ranges cover every row once, for any number of members.
    @Test func rowRangesPartitionTheTable() {
        for members in 1 ... 5 {
            for rows in [0, 1, 4, 7, 100] {
                let ranges = (0 ..< members).map { DataParallelBatch.range(of: $0, among: members, rows: rows) }
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
