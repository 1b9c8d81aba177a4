/// The training loop shared by the autoencoder and MF: minibatches of whole users, Adam,
/// validation every epoch, early stopping that keeps the best epoch's parameters.
struct LatentTraining {
    let configuration: TrainingConfiguration
    let data: RatingSet
    let split: ProtocolSplit
    let model: FactorModel
    private let clip: ClosedRange<Float>?
    private var evaluationMask: SplitMix64

    init(configuration: TrainingConfiguration, data: RatingSet, split: ProtocolSplit) {
        self.configuration = configuration
        self.data = data
        self.split = split
        let k = configuration.k
        switch configuration.model {
        case .mf:
            model = FactorModel(encoder: .perUser, encoderRows: data.userCount, itemCount: data.itemCount, k: k,
                                offset: split.train.meanValue)
        default:
            model = FactorModel(encoder: .pooledCodes(configuration.normalize), encoderRows: data.codeCount,
                                itemCount: data.itemCount, k: k, offset: 0)
        }
        var initialisation = SplitMix64(seed: configuration.seed, purpose: .initialisation)
        model.initialise(scale: configuration.initScale, generator: &initialisation)
        clip = configuration.clipPredictions ? data.ratingRange : nil
        evaluationMask = SplitMix64(seed: configuration.seed, purpose: .evaluationMask)
    }

    mutating func run(isCancelled: () -> Bool, observer: (TrainingEvent) -> Void) throws -> TrainingResult {
        let clock = Stopwatch()
        let c = configuration
        let parallel = DataParallelBatch(model: model, threads: c.threads)
        let gradients = parallel.gradients
        var masks = c.model == .mfae ? MaskSchedule(fraction: c.maskFraction, seed: c.seed) : .keepAll
        var shuffler = SplitMix64(seed: c.seed, purpose: .shuffle)
        let settings = AdamSettings(learningRate: c.learningRate)
        let rows: Adam.Rows = c.optimizer == .adam ? .all : .touched
        let tableL2: Float = c.regularization == .table ? c.cVector : 0
        let perExampleL2: Float = c.regularization == .perExample ? c.cVector : 0
        var order = Array(0 ..< split.train.rowCount)
        var step = 0
        var records: [EpochRecord] = []
        var best: (epoch: Int, metrics: Metrics, parameters: [[Float]])?

        observer(.started(epochs: c.epochs, trainRatings: split.train.count))
        for epoch in 1 ... c.epochs {
            let epochClock = Stopwatch()
            order.shuffle(using: &shuffler)
            masks.epoch = epoch
            let bounds = UserBatches.boundaries(order: order, of: split.train, batchSize: c.batchSize)
            var lossSum = 0.0, mseSum = 0.0
            for batch in 0 ..< bounds.count - 1 {
                if isCancelled() { throw TrainingError.cancelled }
                let loss = parallel.accumulate(rows: order[bounds[batch] ..< bounds[batch + 1]], of: split.train,
                                               masks: masks, perExampleL2: perExampleL2)
                let batchLoss = loss.mse + loss.penalty
                guard batchLoss.isFinite else { throw TrainingError.diverged(epoch: epoch, loss: batchLoss) }
                step += 1
                for (table, gradient) in zip(model.tables, gradients.tables) {
                    Adam.step(table, gradient: gradient, settings: settings, step: step, l2: tableL2, rows: rows)
                }
                gradients.clear()
                lossSum += batchLoss
                mseSum += loss.mse
            }
            let batches = Double(bounds.count - 1)
            let penalty = tableL2 > 0 ? model.tablePenalty(l2: tableL2) : 0
            let seconds = epochClock.elapsedSeconds
            let validationClock = Stopwatch()
            let valid = evaluate(split.valid).metrics
            let record = EpochRecord(epoch: epoch, trainLoss: lossSum / batches + penalty, trainMSE: mseSum / batches,
                                     valid: valid, seconds: seconds, validationSeconds: validationClock.elapsedSeconds)
            guard record.trainLoss.isFinite, valid.rmse.isFinite else {
                throw TrainingError.diverged(epoch: epoch, loss: record.trainLoss.isFinite ? valid.mse : record.trainLoss)
            }
            records.append(record)
            observer(.epochEnded(record))
            if best == nil || valid.rmse < best!.metrics.rmse {
                best = (epoch, valid, model.snapshot())
            } else if epoch - best!.epoch >= c.patience {
                break
            }
        }
        guard let kept = best else { throw TrainingError.emptySplit("epochs") }
        model.restore(kept.parameters)
        let test = evaluate(split.test)
        let epochSeconds = records.map(\.seconds).sorted()
        return TrainingResult(configuration: c, bestEpoch: kept.epoch, epochs: records, valid: kept.metrics,
                              test: test.metrics, trainSeconds: clock.elapsedSeconds,
                              epochSecondsMedian: epochSeconds[epochSeconds.count / 2],
                              foldInMillisecondsPerUser: c.evaluationProtocol == .heldout ? test.millisecondsPerUser : nil,
                              trainRatings: split.train.count, items: model.itemParameters)
    }

    /// One evaluation pass with the representation this model and protocol call for.
    private mutating func evaluate(_ set: EvaluationSet) -> EvaluationOutcome {
        Evaluator.evaluate(model, on: set, representation: representation(), clip: clip)
    }

    /// MF folds in the users of `heldout` (it never trained on them); otherwise the encoder is used,
    /// with the notebook's random mask when `eval_mask` is set.
    private mutating func representation() -> UserRepresentation {
        let c = configuration
        if c.model == .mf && c.evaluationProtocol == .heldout {
            return .foldIn(RidgeFoldIn(k: c.k, penalty: RidgeFoldIn.penalty(for: c, trainCount: split.train.count)))
        }
        if c.model == .mfae && c.evalMask {
            let mask = InputMask.random(fraction: c.maskFraction, generator: evaluationMask)
            evaluationMask = SplitMix64(seed: evaluationMask.next(), purpose: .evaluationMask)
            return .encode(mask)
        }
        return .encode(.keepAll)
    }
}
