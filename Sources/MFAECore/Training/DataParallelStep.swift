/// A dense-Adam training step on a ``WorkerTeam``, in two phases:
/// 1. The batch's users are cut into one contiguous share per member (balanced by rating count);
///    each member accumulates its share's gradient into its own buffers.
/// 2. After a barrier, each member takes a contiguous range of every table's rows, adds every
///    member's gradient for those rows in member order into one gradient laid out by row, and takes
///    the dense Adam step on its range.
///
/// Every row's gradient is therefore summed in the same order whatever the timing, so results are
/// bit-identical for a given thread count (not across thread counts: sums are associated differently).
final class DataParallelStep: TrainingStep {
    let model: FactorModel
    let team: WorkerTeam
    private let tables: [EmbeddingTable]
    /// Each member's gradient, by table (in ``FactorModel/tables`` order).
    private let memberGradients: [[GradientTable]]
    /// Member `t`'s sum of everyone's gradient over its ranges of rows, by table.
    private let rangeGradients: [[GradientTable]]
    private var scratches: [UserScratch]
    private var losses: [BatchLoss]

    /// Buffers and a team of `threads` members (more than one) for training `model`.
    init(model: FactorModel, threads: Int) {
        precondition(threads > 1, "one thread takes a SerialStep")
        self.model = model
        team = WorkerTeam(size: threads)
        tables = model.tables
        memberGradients = (0 ..< threads).map { _ in model.makeGradients(layout: .bySlot).tables }
        rangeGradients = (0 ..< threads).map { _ in model.makeGradients(layout: Adam.Rows.all.gradientLayout).tables }
        scratches = (0 ..< threads).map { _ in model.makeScratch() }
        losses = [BatchLoss](repeating: .zero, count: threads)
    }

    func step(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule,
              settings: StepSettings) -> BatchLoss {
        let model = self.model, team = self.team, tables = self.tables
        let threads = team.size
        let shares = Self.shares(of: rows, in: data, count: threads)
        let total = data.ratingCount(ofRows: rows)
        let memberGradients = self.memberGradients, rangeGradients = self.rangeGradients
        scratches.withUnsafeMutableBufferPointer { scratch in
            losses.withUnsafeMutableBufferPointer { losses in
                let scratch = scratch, losses = losses
                team.run { member in
                    let own = memberGradients[member]
                    for gradient in own { gradient.clear() }  // the previous step's; every member has read it
                    losses[member] = model.accumulateBatch(rows: shares[member], of: data, masks: masks,
                                                           perExampleL2: settings.perExampleL2,
                                                           gradients: ModelGradients(own),
                                                           scratch: &scratch[member], batchCount: total)
                    team.barrier()
                    guard BatchLoss.sum(losses).isFinite else {
                        for gradient in own { gradient.clear() }
                        return
                    }
                    for (index, table) in tables.enumerated() {
                        let range = Self.range(of: member, among: threads, rows: table.rows)
                        let target = rangeGradients[member][index]
                        for part in memberGradients { target.add(part[index], rowsIn: range) }
                        settings.update(table, with: target, rows: .all, range: range)
                    }
                }
            }
        }
        var loss = BatchLoss.sum(losses)
        loss.count = total
        return loss
    }

    /// Member `member`'s contiguous range of a table's `rows` rows.
    static func range(of member: Int, among members: Int, rows: Int) -> Range<Int> {
        rows * member / members ..< rows * (member + 1) / members
    }

    /// Cuts `rows` into `count` contiguous shares of about equal rating counts.
    static func shares(of rows: ArraySlice<Int>, in data: RatingsByUser, count: Int) -> [ArraySlice<Int>] {
        let total = data.ratingCount(ofRows: rows)
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
