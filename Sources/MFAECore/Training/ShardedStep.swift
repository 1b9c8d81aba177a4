/// A lazy-Adam training step on a ``WorkerTeam`` in which every model row has one owning member, so
/// that rows never travel between the cores' caches: the data-parallel step makes every member read
/// rows that another member's Adam just wrote, which on a two-core VM costs more than it saves.
///
/// Rows (items, and the encoder's codes or users) are owned by ``owner(ofRow:width:members:)``: a hash,
/// not contiguous ranges, because dense ids follow the order of first appearance in a file, so popular
/// items cluster at low ids and a range split would give one member most of the work. Three phases,
/// separated by barriers:
/// 1. *Encode*: each member encodes its share of the batch's users (masks as in one thread) and
///    stores their biases and vectors.
/// 2. *Decode*: each member runs the decoder over every batch user's ratings of the items it owns
///    (each user's ratings are kept pre-sorted by owner), accumulating its items' gradients and its
///    part of each user's bias and vector gradient.
/// 3. *Scatter and step*: each member adds the members' parts of each user's gradient in member order,
///    scatters it to the encoder rows it owns, and takes the Adam step on its own rows only.
///
/// Every sum is taken in a fixed order, so a thread count gives bit-identical results; masks and
/// batches are those of one thread, so different thread counts agree to rounding.
final class ShardedStep {
    let model: FactorModel
    let team: WorkerTeam
    /// The training ratings with each user's ratings sorted by the owner of their item.
    private let decoderOrder: RatingsByUser
    /// `ownerStarts[row·(members+1) + t]`: where member `t`'s ratings of user row `row` start in ``decoderOrder``.
    private let ownerStarts: [Int]
    private let tables: [EmbeddingTable]
    private let memberGradients: [ModelGradients]
    private let memberTables: [[GradientTable]]
    private var scratches: [UserScratch]
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

    /// Which of `members` members owns `row` of a table of `width`-float rows: a multiplicative hash
    /// (Fibonacci hashing) of the 64-byte line the row starts in, cheap and balanced however popularity
    /// is spread over the ids. A row's bias has the same owner as its vector.
    @inline(__always)
    static func owner(ofRow row: Int32, width: Int, members: Int) -> Int {
        let line = UInt32(truncatingIfNeeded: Int(row) * width / VectorKernels.floatsPerCacheLine)
        let hash = UInt64(line &* 0x9E37_79B9)
        return Int((hash * UInt64(members)) >> 32)
    }

    /// Accumulates the gradient of the batch `rows` of `data` (the ratings given at init) and, if its
    /// loss is finite, takes lazy Adam step `step`. Returns the batch's loss.
    func step(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule, perExampleL2: Float,
              settings: AdamSettings, step: Int, tableL2: Float) -> BatchLoss {
        precondition(data.count == decoderOrder.count, "a sharded step trains on the ratings it was made for")
        let members = self.members, k = model.k
        let batchRows = Array(rows)
        let total = batchRows.reduce(0) { $0 + data.range(ofRow: $1).count }
        guard total > 0 else { return BatchLoss(squaredErrors: 0, count: 0, penalty: 0) }
        if batch.capacity < batchRows.count { batch = BatchBuffers(users: batchRows.count * 2, k: k, members: members) }
        let shares = DataParallelBatch.shares(of: rows, in: data, count: members)
        var firstIndex = [0]
        for share in shares { firstIndex.append(firstIndex.last! + share.count) }
        let lossScale = 1 / Float(total), perUseL2 = perExampleL2 * lossScale
        let model = self.model, team = self.team, tables = self.tables, batch = self.batch
        let memberGradients = self.memberGradients, memberTables = self.memberTables
        let order = decoderOrder, starts = ownerStarts
        scratches.withUnsafeMutableBufferPointer { scratches in
            let scratches = scratches
            team.run { member in
                var scratch = scratches[member]
                defer { scratches[member] = scratch }
                // 1. Encode this member's share of the users.
                for index in firstIndex[member] ..< firstIndex[member + 1] {
                    let row = batchRows[index]
                    var mask = masks.mask(forUser: data.users[row])
                    batch.weights[index] = model.encoder.select(row: row, of: data, mask: &mask,
                                                                into: &batch.selections[index])
                    batch.userBiases[index] = model.encoder.forward(batch.selections[index], weight: batch.weights[index],
                                                                    vector: batch.userVectors + index * k)
                }
                team.barrier()
                // 2. Decode every user's ratings of this member's items.
                var squaredErrors = 0.0, penalty = 0.0
                let parts = batch.userGradients(of: member)
                for (index, row) in batchRows.enumerated() {
                    let base = row * (members + 1)
                    let part = parts + index * (k + 1)
                    part.update(repeating: 0, count: k + 1)
                    let decoded = model.decoder.backward(
                        positions: starts[base + member] ..< starts[base + member + 1], of: order,
                        userBias: batch.userBiases[index], userVector: batch.userVectors + index * k,
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
                    summed.update(repeating: 0, count: k)
                    var biasGradient: Float = 0
                    for other in 0 ..< members {
                        let part = batch.userGradients(of: other) + index * (k + 1)
                        VectorKernels.addScaled(part, scale: 1, into: summed, count: k)
                        biasGradient += part[k]
                    }
                    scratch.selection.rows.removeAll(keepingCapacity: true)
                    for encoderRow in batch.selections[index].rows
                        where Self.owner(ofRow: encoderRow, width: k, members: members) == member {
                        scratch.selection.rows.append(encoderRow)
                    }
                    batch.encoderPenalties[member] += model.encoder.backward(
                        scratch.selection, weight: batch.weights[index], biasGradient: biasGradient,
                        vectorGradient: summed, targetCount: data.range(ofRow: row).count, perUseL2: perUseL2,
                        gradients: memberGradients[member].encoder)
                }
                for (table, gradient) in zip(tables, memberTables[member]) {
                    Adam.step(table, gradient: gradient, settings: settings, step: step, l2: tableL2, rows: .touched)
                }
            }
        }
        var loss = BatchLoss(squaredErrors: 0, count: total, penalty: 0)
        for member in 0 ..< members {
            loss.squaredErrors += batch.squaredErrors[member]
            loss.penalty += batch.penalties[member] + batch.encoderPenalties[member]
        }
        return loss
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
                    where Self.owner(ofRow: train.items[position], width: k, members: members) == member {
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

/// Per-batch buffers shared by a team's members; each member writes only its own users' entries
/// (phase 1) or its own parts (phases 2 and 3), so they need no locks, only the team's barriers.
private final class BatchBuffers: @unchecked Sendable {
    let capacity: Int
    let k: Int
    let selections: UnsafeMutablePointer<RowSelection>
    let weights: UnsafeMutablePointer<Float>
    let userBiases: UnsafeMutablePointer<Float>
    let userVectors: UnsafeMutablePointer<Float>
    /// Per member, per user: the member's part of the user's vector gradient (k floats) then bias gradient.
    private let parts: UnsafeMutablePointer<Float>
    let squaredErrors: UnsafeMutablePointer<Double>
    /// Per member: the decoder's per-example penalty (phase 2) and the encoder's (phase 3).
    let penalties: UnsafeMutablePointer<Double>
    let encoderPenalties: UnsafeMutablePointer<Double>

    init(users: Int, k: Int, members: Int) {
        capacity = users; self.k = k
        selections = .allocate(capacity: max(users, 1))
        selections.initialize(repeating: RowSelection(), count: max(users, 1))
        weights = .allocate(capacity: max(users, 1)); weights.initialize(repeating: 0, count: max(users, 1))
        userBiases = .allocate(capacity: max(users, 1)); userBiases.initialize(repeating: 0, count: max(users, 1))
        userVectors = .allocate(capacity: max(users * k, 1)); userVectors.initialize(repeating: 0, count: max(users * k, 1))
        parts = .allocate(capacity: max(members * users * (k + 1), 1))
        parts.initialize(repeating: 0, count: max(members * users * (k + 1), 1))
        squaredErrors = .allocate(capacity: max(members, 1)); squaredErrors.initialize(repeating: 0, count: max(members, 1))
        penalties = .allocate(capacity: max(members, 1)); penalties.initialize(repeating: 0, count: max(members, 1))
        encoderPenalties = .allocate(capacity: max(members, 1)); encoderPenalties.initialize(repeating: 0, count: max(members, 1))
    }

    deinit {
        selections.deinitialize(count: max(capacity, 1)); selections.deallocate()
        weights.deallocate(); userBiases.deallocate(); userVectors.deallocate(); parts.deallocate()
        squaredErrors.deallocate(); penalties.deallocate(); encoderPenalties.deallocate()
    }

    /// Member `member`'s parts of the users' gradients: user `i`'s at `+ i·(k+1)`.
    func userGradients(of member: Int) -> UnsafeMutablePointer<Float> { parts + member * capacity * (k + 1) }
}
