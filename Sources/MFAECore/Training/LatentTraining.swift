/// The training loop shared by the autoencoder and MF: minibatches of whole users, Adam,
/// validation every epoch, early stopping that keeps the best epoch's parameters.
struct LatentTraining {
    let configuration: TrainingConfiguration
    let data: RatingSet
    let split: ProtocolSplit
    let model: FactorModel
    /// The rows batches are cut from: the training users, or (``Batching/ratings``) single ratings.
    private let trainingRows: RatingsByUser
    private let clip: ClosedRange<Float>?
    /// The training step, divided among threads as ``StepStrategy`` chooses.
    private let trainingStep: any TrainingStep
    private var masks: MaskSchedule
    private var shuffler: SplitMix64
    private var evaluationMask: SplitMix64
    private var order: [Int]
    private var step = 0

    init(configuration: TrainingConfiguration, data: RatingSet, split: ProtocolSplit) {
        let c = configuration
        self.configuration = c
        self.data = data
        self.split = split
        switch c.model {
        case .mf:
            model = FactorModel(encoder: .perUser, encoderRows: data.userCount, itemCount: data.itemCount, k: c.k,
                                offset: split.train.meanValue)
        default:
            model = FactorModel(encoder: .pooledCodes(c.normalize), encoderRows: data.codeCount,
                                itemCount: data.itemCount, k: c.k, offset: 0)
        }
        var initialisation = SplitMix64(seed: c.seed, purpose: .initialisation)
        model.initialise(scale: c.initScale, generator: &initialisation)
        clip = c.clipPredictions ? data.ratingRange : nil
        trainingRows = c.model == .mf && c.batching == .ratings ? split.train.ratingRows : split.train
        trainingStep = StepStrategy(threads: c.threads, optimizer: c.optimizer).makeStep(model: model, train: trainingRows)
        masks = c.model == .mfae ? MaskSchedule(fraction: c.maskFraction, seed: c.seed) : .keepAll
        shuffler = SplitMix64(seed: c.seed, purpose: .shuffle)
        evaluationMask = SplitMix64(seed: c.seed, purpose: .evaluationMask)
        order = Array(0 ..< trainingRows.rowCount)
    }

    /// Trains up to `epochs` epochs with early stopping, restores the best, tests it, and takes the
    /// end-of-run ``RunMeasures`` with it (their time is not in `trainSeconds`).
    mutating func run(isCancelled: () -> Bool, observer: (TrainingEvent) -> Void) throws -> TrainingResult {
        let clock = Stopwatch()
        let c = configuration
        var records: [EpochRecord] = []
        var best: (epoch: Int, metrics: Metrics, parameters: [[Float]])?

        observer(.started(epochs: c.epochs, trainRatings: split.train.count))
        for epoch in 1 ... c.epochs {
            let epochClock = Stopwatch()
            let loss = try trainEpoch(epoch, isCancelled: isCancelled)
            let seconds = epochClock.elapsedSeconds
            let validationClock = Stopwatch()
            let valid = evaluate(split.valid).metrics
            let record = EpochRecord(epoch: epoch, trainLoss: loss.total, trainMSE: loss.mse, valid: valid,
                                     seconds: seconds, validationSeconds: validationClock.elapsedSeconds)
            guard valid.rmse.isFinite else { throw TrainingError.diverged(epoch: epoch, loss: valid.mse) }
            records.append(record)
            observer(.epochEnded(record))
            if let kept = best, valid.rmse >= kept.metrics.rmse {
                if epoch - kept.epoch >= c.patience { break }
            } else {
                best = (epoch, valid, model.snapshot())
            }
        }
        guard let kept = best else { throw TrainingError.emptySplit("epochs") }
        model.restore(kept.parameters)
        let test = evaluate(split.test)
        let epochSeconds = records.map(\.seconds).sorted()
        let trainSeconds = clock.elapsedSeconds
        let measures = RunMeasures.measure(model, configuration: c, data: data, split: split, clip: clip) {
            representation()
        }
        return TrainingResult(configuration: c, bestEpoch: kept.epoch, epochs: records, valid: kept.metrics,
                              test: test.metrics, trainSeconds: trainSeconds,
                              epochSecondsMedian: epochSeconds[epochSeconds.count / 2],
                              foldInMillisecondsPerUser: c.evaluationProtocol == .heldout ? test.millisecondsPerUser : nil,
                              trainRatings: split.train.count, items: model.itemParameters, measures: measures)
    }

    /// One pass over the training rows (users, or single ratings) in a freshly shuffled order.
    /// - Returns: the mean batch MSE and the mean batch loss including the prior.
    /// - Throws: ``TrainingError/diverged(epoch:loss:)`` as soon as a batch's loss is not finite.
    mutating func trainEpoch(_ epoch: Int, isCancelled: () -> Bool) throws -> (mse: Double, total: Double) {
        let c = configuration
        let tableL2: Float = c.regularization == .table ? c.cVector : 0
        var settings = StepSettings(perExampleL2: c.regularization == .perExample ? c.cVector : 0,
                                    adam: AdamSettings(learningRate: c.learningRate), step: step, tableL2: tableL2)
        order.shuffle(using: &shuffler)
        masks.epoch = epoch
        let rows = trainingRows
        let bounds = UserBatches.boundaries(order: order, of: rows, batchSize: c.batchSize)
        var lossSum = 0.0, mseSum = 0.0
        for batch in 0 ..< bounds.count - 1 {
            if isCancelled() { throw TrainingError.cancelled }
            step += 1
            settings.step = step
            if batch + 2 < bounds.count { model.prefetch(row: order[bounds[batch + 1]], of: rows) }  // the next batch's first user
            let loss = trainingStep.step(rows: order[bounds[batch] ..< bounds[batch + 1]], of: rows, masks: masks,
                                         settings: settings)
            let batchLoss = loss.mse + loss.penalty
            guard batchLoss.isFinite else { throw TrainingError.diverged(epoch: epoch, loss: batchLoss) }
            lossSum += batchLoss
            mseSum += loss.mse
        }
        let batches = Double(max(bounds.count - 1, 1))
        let prior = tableL2 > 0 ? model.tablePenalty(l2: tableL2) : 0
        let total = lossSum / batches + prior
        guard total.isFinite else { throw TrainingError.diverged(epoch: epoch, loss: total) }
        return (mseSum / batches, total)
    }

    /// One evaluation pass with the representation this model and protocol call for.
    mutating func evaluate(_ set: EvaluationSet) -> EvaluationOutcome {
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
