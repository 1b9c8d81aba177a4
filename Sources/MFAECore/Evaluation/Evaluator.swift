/// How an evaluation pass obtains each user's bias and vector from the user's input ratings.
public enum UserRepresentation {
    /// Through the model's encoder: pooled codes (autoencoder) or the user's trained row (MF).
    /// The mask is ``InputMask/keepAll`` unless `eval_mask` asks for the notebook's random one.
    case encode(InputMask)
    /// MF's fold-in of users it never trained on: a ridge solve per user.
    case foldIn(RidgeFoldIn)
}

/// What an evaluation pass measured.
public struct EvaluationOutcome: Sendable {
    /// Error metrics over every target.
    public var metrics: Metrics
    /// Seconds spent obtaining user representations (the fold-in cost), summed over users.
    public var representationSeconds: Double
    /// Number of users evaluated.
    public var users: Int
    /// Milliseconds per user to obtain a representation.
    public var millisecondsPerUser: Double { users > 0 ? representationSeconds * 1000 / Double(users) : 0 }
}

/// Scores a model on an ``EvaluationSet``.
public enum Evaluator {
    /// Predicts every target of `set` and returns the metrics, clipping predictions to `clip` when given.
    /// Complexity O(input ratings × k + targets × k), plus O(k³) per user for fold-in.
    public static func evaluate(_ model: FactorModel, on set: EvaluationSet, representation: UserRepresentation,
                                clip: ClosedRange<Float>?) -> EvaluationOutcome {
        var representation = representation
        var accumulator = MetricsAccumulator()
        var scratch = model.makeScratch()
        var representationSeconds = 0.0
        let decoder = model.decoder
        for row in 0 ..< set.rowCount {
            let started = Stopwatch()
            let userBias = represent(row: row, of: set.input, model: model, representation: &representation,
                                     scratch: &scratch)
            representationSeconds += started.elapsedSeconds
            for position in set.targets.range(ofRow: row) {
                let prediction = decoder.predict(item: Int(set.targets.items[position]), userBias: userBias,
                                                 userVector: scratch.userVector.pointer)
                accumulator.add(prediction: prediction, target: set.targets.values[position], clip: clip)
            }
        }
        return EvaluationOutcome(metrics: accumulator.metrics, representationSeconds: representationSeconds,
                                 users: set.rowCount)
    }

    /// The bias and vector (into `scratch.userVector`) of the user of `row` in `input`, obtained as
    /// `representation` says; returns the bias. Complexity O(ratings × k), plus O(k³) for fold-in.
    @inline(__always)
    public static func represent(row: Int, of input: RatingsByUser, model: FactorModel,
                                 representation: inout UserRepresentation, scratch: inout UserScratch) -> Float {
        var userBias: Float = 0
        switch representation {
        case var .encode(mask):
            let weight = model.encoder.select(row: row, of: input, mask: &mask, into: &scratch.selection)
            userBias = model.encoder.forward(scratch.selection, weight: weight, vector: scratch.userVector.pointer)
            representation = .encode(mask)
        case var .foldIn(solver):
            solver.solve(row: row, of: input, decoder: model.decoder, bias: &userBias, vector: scratch.userVector.pointer)
            representation = .foldIn(solver)
        }
        return userBias
    }
}
