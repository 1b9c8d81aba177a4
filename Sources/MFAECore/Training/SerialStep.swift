/// A training step on the calling thread: the model's gradient of the whole batch, then Adam on every
/// table (every row with dense Adam, the touched rows with lazy Adam).
final class SerialStep: TrainingStep {
    let model: FactorModel
    /// The rows Adam updates; decides the gradients' layout.
    let rows: Adam.Rows
    private let tables: [EmbeddingTable]
    private let gradients: ModelGradients
    private let gradientTables: [GradientTable]
    private var scratch: UserScratch

    /// Buffers for training `model`, updating `rows`.
    init(model: FactorModel, rows: Adam.Rows) {
        self.model = model
        self.rows = rows
        tables = model.tables
        gradients = model.makeGradients(layout: rows.gradientLayout)
        gradientTables = gradients.tables
        scratch = model.makeScratch()
    }

    func step(rows batch: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule,
              settings: StepSettings) -> BatchLoss {
        let loss = model.accumulateBatch(rows: batch, of: data, masks: masks, perExampleL2: settings.perExampleL2,
                                         gradients: gradients, scratch: &scratch)
        guard loss.isFinite else {
            gradients.clear()
            return loss
        }
        settings.update(tables, with: gradientTables, rows: rows)  // each step also clears its gradient
        return loss
    }
}
