/// One training step (a batch's gradient, then Adam) on one or several threads.
///
/// With several threads and lazy Adam the step is a ``ShardedStep``. With several threads and dense
/// Adam, the whole step runs on a ``WorkerTeam`` in two phases:
/// 1. The batch's users are cut into one contiguous share per member (balanced by rating count);
///    each member accumulates its share's gradient into its own buffers.
/// 2. After a barrier, each member takes a contiguous range of every table's rows, adds every
///    member's gradient for those rows in member order into one gradient laid out by row, and takes
///    the dense Adam step on its range.
///
/// Every row's gradient is therefore summed in the same order whatever the timing, so results are
/// bit-identical for a given thread count (not across thread counts: sums are associated differently).
final class DataParallelBatch {
    let model: FactorModel
    /// How Adam updates rows; decides the gradients' layout.
    let mode: Adam.Rows
    private let tables: [EmbeddingTable]
    /// Each member's gradient, by table (in ``FactorModel/tables`` order).
    private let memberGradients: [[GradientTable]]
    /// Member `t`'s sum of everyone's gradient over its ranges of rows, by table (several threads, dense Adam).
    private let rangeGradients: [[GradientTable]]
    private var scratches: [UserScratch]
    private var losses: [BatchLoss]
    private let team: WorkerTeam?
    private let sharded: ShardedStep?

    /// Buffers (and, for more than one thread, a team) for training on `train` with `threads` threads.
    init(model: FactorModel, threads: Int, mode: Adam.Rows, train: RatingsByUser) {
        let threads = max(threads, 1)
        self.model = model
        self.mode = mode
        tables = model.tables
        let isDenseTeam = threads > 1 && mode == .all
        let summed: GradientTable.Layout = mode == .all ? .byRow : .bySlot
        memberGradients = threads > 1 && mode == .touched ? []
            : (0 ..< threads).map { _ in model.makeGradients(layout: threads == 1 ? summed : .bySlot).tables }
        rangeGradients = isDenseTeam ? (0 ..< threads).map { _ in model.makeGradients(layout: .byRow).tables } : []
        scratches = (0 ..< threads).map { _ in model.makeScratch() }
        losses = [BatchLoss](repeating: BatchLoss(squaredErrors: 0, count: 0, penalty: 0), count: threads)
        team = isDenseTeam ? WorkerTeam(size: threads) : nil
        sharded = threads > 1 && mode == .touched ? ShardedStep(model: model, threads: threads, train: train) : nil
    }

    var threads: Int { scratches.count }

    /// Accumulates the gradient of the batch `rows` and, if its loss is finite, takes Adam step `step`.
    /// - Returns: the batch's loss (before the step).
    func step(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule, perExampleL2: Float,
              settings: AdamSettings, step: Int, tableL2: Float) -> BatchLoss {
        if let sharded {
            return sharded.step(rows: rows, of: data, masks: masks, perExampleL2: perExampleL2, settings: settings,
                                step: step, tableL2: tableL2)
        }
        let model = self.model, mode = self.mode, tables = self.tables
        guard let team else {
            let gradients = memberGradients[0]
            let loss = model.accumulateBatch(rows: rows, of: data, masks: masks, perExampleL2: perExampleL2,
                                             gradients: ModelGradients(gradients), scratch: &scratches[0])
            guard loss.isFinite else {
                for gradient in gradients { gradient.clear() }
                return loss
            }
            for (table, gradient) in zip(tables, gradients) {  // each step also clears its gradient
                Adam.step(table, gradient: gradient, settings: settings, step: step, l2: tableL2, rows: mode)
            }
            return loss
        }
        let threads = self.threads  // read before the buffers below are borrowed for writing
        let shares = Self.shares(of: rows, in: data, count: threads)
        let total = rows.reduce(0) { $0 + data.range(ofRow: $1).count }
        let memberGradients = self.memberGradients, rangeGradients = self.rangeGradients
        scratches.withUnsafeMutableBufferPointer { scratch in
            losses.withUnsafeMutableBufferPointer { losses in
                let scratch = scratch, losses = losses
                team.run { member in
                    let own = memberGradients[member]
                    for gradient in own { gradient.clear() }  // the previous step's; every member has read it
                    losses[member] = model.accumulateBatch(rows: shares[member], of: data, masks: masks,
                                                           perExampleL2: perExampleL2, gradients: ModelGradients(own),
                                                           scratch: &scratch[member], batchCount: total)
                    team.barrier()
                    guard Self.sum(losses).isFinite else {
                        for gradient in own { gradient.clear() }
                        return
                    }
                    for (index, table) in tables.enumerated() {
                        let range = Self.range(of: member, among: threads, rows: table.rows)
                        let target = rangeGradients[member][index]
                        for part in memberGradients { target.add(part[index], rowsIn: range) }
                        Adam.step(table, gradient: target, settings: settings, step: step, l2: tableL2,
                                  rows: .all, range: range)
                    }
                }
            }
        }
        var loss = Self.sum(losses)
        loss.count = total
        return loss
    }

    /// The members' losses added in member order.
    private static func sum(_ losses: some Collection<BatchLoss>) -> BatchLoss {
        var loss = BatchLoss(squaredErrors: 0, count: 0, penalty: 0)
        for part in losses {
            loss.squaredErrors += part.squaredErrors
            loss.penalty += part.penalty
            loss.count += part.count
        }
        return loss
    }

    /// Member `member`'s contiguous range of a table's `rows` rows.
    static func range(of member: Int, among members: Int, rows: Int) -> Range<Int> {
        rows * member / members ..< rows * (member + 1) / members
    }

    /// Cuts `rows` into `count` contiguous shares of about equal rating counts.
    static func shares(of rows: ArraySlice<Int>, in data: RatingsByUser, count: Int) -> [ArraySlice<Int>] {
        let total = rows.reduce(0) { $0 + data.range(ofRow: $1).count }
        var result: [ArraySlice<Int>] = []
        var start = rows.startIndex, seen = 0
        for index in rows.indices {
            seen += data.range(ofRow: rows[index]).count
            if result.count < count - 1 && seen * count >= total * (result.count + 1) {
                result.append(rows[start ... index])
                start = index + 1
            }
        }
        result.append(rows[start ..< rows.endIndex])
        while result.count < count { result.append(rows[rows.endIndex ..< rows.endIndex]) }
        return result
    }
}
