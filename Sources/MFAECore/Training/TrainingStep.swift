/// One training step: the gradient of one batch's loss, then Adam's update of the tables.
///
/// The step is the same whatever the thread count; only how it is divided among threads differs, and
/// ``StepStrategy`` alone chooses the division:
/// - ``SerialStep``: one thread, the model's whole-batch gradient (``FactorModel/accumulateBatch(rows:of:masks:perExampleL2:gradients:scratch:batchCount:)``).
/// - ``DataParallelStep``: dense Adam on a team; each member accumulates a share of the users, then
///   sums and updates a range of every table's rows.
/// - ``ShardedStep``: lazy Adam on a team; each member owns some rows of every table and does the
///   whole step's work on them.
///
/// Each takes its sums in a fixed order, so a configuration and seed give bit-identical results for a
/// thread count. The protocol is called once per batch (about a hundred microseconds), so its dynamic
/// dispatch costs nothing measurable; the loops inside each step are concrete.
protocol TrainingStep: AnyObject {
    /// Accumulates the gradient of the batch `rows` of `data` and, if its loss is finite, takes Adam's
    /// step with `settings`. The gradients are left zero for the next batch either way.
    /// - Returns: the batch's loss, before the step.
    func step(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule, settings: StepSettings) -> BatchLoss
}

/// What one training step needs besides its batch: the loss's per-example prior and Adam's step.
struct StepSettings {
    /// The per-example L2 coefficient (0 with the whole-table prior).
    var perExampleL2: Float
    /// Adam's hyper-parameters.
    var adam: AdamSettings
    /// The 1-based step count `t`.
    var step: Int
    /// The whole-table L2 coefficient (0 with the per-example prior).
    var tableL2: Float

    /// Adam's step on `table` with `gradient`, which it consumes; `range` as in
    /// ``Adam/step(_:gradient:settings:step:l2:rows:range:)``.
    func update(_ table: EmbeddingTable, with gradient: GradientTable, rows: Adam.Rows, range: Range<Int>? = nil) {
        Adam.step(table, gradient: gradient, settings: adam, step: step, l2: tableL2, rows: rows, range: range)
    }

    /// Adam's step on every table with its gradient (in ``FactorModel/tables`` order), which it consumes.
    func update(_ tables: [EmbeddingTable], with gradients: [GradientTable], rows: Adam.Rows) {
        for (table, gradient) in zip(tables, gradients) { update(table, with: gradient, rows: rows) }
    }
}
