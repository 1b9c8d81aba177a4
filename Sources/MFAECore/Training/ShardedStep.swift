/// A lazy-Adam training step on a ``WorkerTeam`` in which every model row has one owning member
/// (``RowShare``), so that rows never travel between the cores' caches. (A plain data-parallel step,
/// where every member reads any row and an owner updates it, was slower with two threads than with
/// one on a two-core VM: each row crossed between the caches twice per batch.)
///
/// Three phases, separated by barriers:
/// 1. *Encode*: for every user of the batch, each member draws the user's mask (the same stream as
///    one thread) and sums the input rows it owns, with their biases.
/// 2. *Decode*: each member adds the members' sums in member order to get each user's bias and vector,
///    then runs the decoder over every user's ratings of the items it owns (each user's ratings are
///    kept pre-sorted by owner), accumulating its items' gradients and its part of each user's bias
///    and vector gradient.
/// 3. *Scatter and step*: each member adds the members' parts of each user's gradient in member order,
///    scatters it to the input rows it selected in phase 1, and takes the Adam step on its own rows.
///
/// Every sum is taken in a fixed order, so a thread count gives bit-identical results; masks and
/// batches are those of one thread, so different thread counts agree to rounding.
final class ShardedStep: TrainingStep {
    let model: FactorModel
    let team: WorkerTeam
    /// The training ratings with each user's ratings sorted by the owner of their item.
    private let decoderOrder: RatingsByUser
    /// `ownerStarts[row·(members+1) + t]`: where member `t`'s ratings of user row `row` start in ``decoderOrder``.
    private let ownerStarts: [Int]
    private let tables: [EmbeddingTable]
    private let memberGradients: [ModelGradients]
    private let memberTables: [[GradientTable]]
    private let scratches: [UserScratch]
    private var batch = BatchBuffers(users: 0, k: 0, members: 0)

    /// A team of `threads` members for training on `train`.
    init(model: FactorModel, threads: Int, train: RatingsByUser) {
        precondition(threads > 1)
        self.model = model
        team = WorkerTeam(size: threads)
        tables = model.tables
        memberGradients = (0 ..< threads).map { _ in model.makeGradients(layout: .bySlot) }
        memberTables = memberGradients.map(\.tables)
        scratches = (0 ..< threads).map { _ in model.makeScratch() }
        (decoderOrder, ownerStarts) = Self.sortByOwner(train, k: model.k, members: threads)
    }

    var members: Int { team.size }

    /// A training step on `rows` of `data`, which must be the ratings given at init.
    func step(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule,
              settings: StepSettings) -> BatchLoss {
        precondition(data.count == decoderOrder.count, "a sharded step trains on the ratings it was made for")
        let members = self.members, k = model.k
        let batchRows = rows  // used through enumerated(): offsets, not the slice's indices
        let total = data.ratingCount(ofRows: batchRows)
        guard total > 0 else { return .zero }
        if batch.capacity < batchRows.count { batch = BatchBuffers(users: batchRows.count * 2, k: k, members: members) }
        let scale = LossScale(ratings: total, perExampleL2: settings.perExampleL2)
        let lossScale = scale.lossScale, perUseL2 = scale.perUseL2
        let model = self.model, team = self.team, tables = self.tables, batch = self.batch
        let memberGradients = self.memberGradients, memberTables = self.memberTables
        let order = decoderOrder, starts = ownerStarts
        let scratches = self.scratches
        team.run { member in
            let scratch = scratches[member]  // its buffers: the summed user vector and gradient
            // 1. Encode: this member's part of every user's sums.
            let share = RowShare(member: member, members: members, width: k)
            let encoded = batch.encodedParts(of: member)
            for (index, row) in batchRows.enumerated() {
                if index + 1 < batchRows.count {
                    model.encoder.prefetchInput(row: batchRows[batchRows.startIndex + index + 1], of: data)
                }
                var mask = masks.mask(forUser: data.users[row])
                let selection = batch.selection(of: member, user: index)
                batch.weights[index * members + member] = model.encoder.select(row: row, of: data, mask: &mask,
                                                                               into: &selection.pointee, share: share)
                let part = encoded + index * (k + 1)
                part[k] = model.encoder.forward(selection.pointee, weight: 1, vector: part)
            }
            team.barrier()
            // 2. Decode every user's ratings of this member's items.
            var squaredErrors = 0.0, penalty = 0.0
            let parts = batch.userGradients(of: member)
            let userVector = scratch.userVector.pointer
            for (index, row) in batchRows.enumerated() {
                if index + 1 < batchRows.count {
                    let next = batchRows[batchRows.startIndex + index + 1] * (members + 1) + member
                    order.prefetchTargets(positions: starts[next] ..< starts[next + 1])
                }
                let weight = batch.weights[index * members + member]
                var userBias = Self.sumMemberParts(user: index, members: members, k: k, into: userVector,
                                                   parts: batch.encodedParts(of:))
                for j in 0 ..< k { userVector[j] *= weight }
                userBias *= weight
                let base = row * (members + 1)
                let part = parts + index * (k + 1)
                part.update(repeating: 0, count: k + 1)
                let decoded = model.decoder.backward(
                    positions: starts[base + member] ..< starts[base + member + 1], of: order,
                    userBias: userBias, userVector: userVector,
                    lossScale: lossScale, perUseL2: perUseL2, gradients: memberGradients[member].decoder,
                    userBiasGradient: &part[k], userVectorGradient: part)
                squaredErrors += decoded.squaredErrors
                penalty += decoded.penalty
            }
            batch.squaredErrors[member] = squaredErrors
            batch.penalties[member] = penalty
            team.barrier()
            // 3. Sum each user's gradient, scatter it to this member's encoder rows, step.
            batch.encoderPenalties[member] = 0
            var penaltySoFar = 0.0, errors = 0.0
            for other in 0 ..< members { errors += batch.squaredErrors[other]; penaltySoFar += batch.penalties[other] }
            guard errors.isFinite && penaltySoFar.isFinite else {
                memberGradients[member].clear()
                return
            }
            let summed = scratch.userVectorGradient.pointer
            for (index, row) in batchRows.enumerated() {
                let biasGradient = Self.sumMemberParts(user: index, members: members, k: k, into: summed,
                                                       parts: batch.userGradients(of:))
                batch.encoderPenalties[member] += model.encoder.backward(
                    batch.selection(of: member, user: index).pointee,
                    weight: batch.weights[index * members + member], biasGradient: biasGradient,
                    vectorGradient: summed, targetCount: data.range(ofRow: row).count, perUseL2: perUseL2,
                    gradients: memberGradients[member].encoder)
            }
            settings.update(tables, with: memberTables[member], rows: .touched)
        }
        var loss = BatchLoss(squaredErrors: 0, count: total, penalty: 0)
        for member in 0 ..< members {
            loss.squaredErrors += batch.squaredErrors[member]
            loss.penalty += batch.penalties[member] + batch.encoderPenalties[member]
        }
        return loss
    }

    /// Adds the members' parts of the batch's `user`th user in member order, each `k + 1` floats (a
    /// vector, then a bias) at `parts(member) + user·(k + 1)`: the vectors into `vector` (overwritten),
    /// and returns the biases' sum. The fixed order keeps results bit-identical for a thread count.
    private static func sumMemberParts(user: Int, members: Int, k: Int, into vector: UnsafeMutablePointer<Float>,
                                       parts: (Int) -> UnsafeMutablePointer<Float>) -> Float {
        vector.update(repeating: 0, count: k)
        var bias: Float = 0
        for member in 0 ..< members {
            let part = parts(member) + user * (k + 1)
            VectorKernels.addScaled(part, scale: 1, into: vector, count: k)
            bias += part[k]
        }
        return bias
    }

    /// `train` with each user's ratings reordered so that the ratings of items owned by member 0 come
    /// first, then member 1's, and so on (stable within a member), and where each member's run starts.
    static func sortByOwner(_ train: RatingsByUser, k: Int, members: Int) -> (RatingsByUser, [Int]) {
        var items = [Int32](), codes = [Int32](), values = [Float]()
        items.reserveCapacity(train.count); codes.reserveCapacity(train.count); values.reserveCapacity(train.count)
        var starts = [Int]()
        starts.reserveCapacity(train.rowCount * (members + 1))
        for row in 0 ..< train.rowCount {
            let range = train.range(ofRow: row)
            for member in 0 ..< members {
                starts.append(items.count)
                for position in range
                    where RowShare.owner(ofRow: train.items[position], width: k, members: members) == member {
                    items.append(train.items[position])
                    codes.append(train.codes[position])
                    values.append(train.values[position])
                }
            }
            starts.append(items.count)
        }
        let ordered = RatingsByUser(users: train.users, offsets: train.offsets, items: items, codes: codes, values: values)
        return (ordered, starts)
    }
}

/// Per-batch buffers shared by a team's members; each member writes only its own parts, so they need
/// no locks, only the team's barriers.
private final class BatchBuffers: @unchecked Sendable {
    let capacity: Int
    let k: Int
    let members: Int
    /// Per user, per member: the input rows the member selected (its own).
    private let selections: UnsafeMutablePointer<RowSelection>
    /// Per user, per member: the encoder's weight for the user (every member computes the same).
    let weights: UnsafeMutablePointer<Float>
    /// Per member, per user: the member's sums of its input rows (k floats) then of their biases.
    private let encoded: UnsafeMutablePointer<Float>
    /// Per member, per user: the member's part of the user's vector gradient (k floats) then bias gradient.
    private let parts: UnsafeMutablePointer<Float>
    let squaredErrors: UnsafeMutablePointer<Double>
    /// Per member: the decoder's per-example penalty (phase 2) and the encoder's (phase 3).
    let penalties: UnsafeMutablePointer<Double>
    let encoderPenalties: UnsafeMutablePointer<Double>

    init(users: Int, k: Int, members: Int) {
        capacity = users; self.k = k; self.members = members
        let slots = max(users * members, 1), floats = max(members * users * (k + 1), 1)
        selections = .allocate(capacity: slots); selections.initialize(repeating: RowSelection(), count: slots)
        weights = .allocate(capacity: slots); weights.initialize(repeating: 0, count: slots)
        encoded = .allocate(capacity: floats); encoded.initialize(repeating: 0, count: floats)
        parts = .allocate(capacity: floats); parts.initialize(repeating: 0, count: floats)
        squaredErrors = .allocate(capacity: max(members, 1)); squaredErrors.initialize(repeating: 0, count: max(members, 1))
        penalties = .allocate(capacity: max(members, 1)); penalties.initialize(repeating: 0, count: max(members, 1))
        encoderPenalties = .allocate(capacity: max(members, 1)); encoderPenalties.initialize(repeating: 0, count: max(members, 1))
    }

    deinit {
        selections.deinitialize(count: max(capacity * members, 1)); selections.deallocate()
        weights.deallocate(); encoded.deallocate(); parts.deallocate()
        squaredErrors.deallocate(); penalties.deallocate(); encoderPenalties.deallocate()
    }

    /// Member `member`'s selection for the batch's `user`th user.
    func selection(of member: Int, user: Int) -> UnsafeMutablePointer<RowSelection> { selections + user * members + member }
    /// Member `member`'s sums: user `i`'s at `+ i·(k+1)`.
    func encodedParts(of member: Int) -> UnsafeMutablePointer<Float> { encoded + member * capacity * (k + 1) }
    /// Member `member`'s parts of the users' gradients: user `i`'s at `+ i·(k+1)`.
    func userGradients(of member: Int) -> UnsafeMutablePointer<Float> { parts + member * capacity * (k + 1) }
}
