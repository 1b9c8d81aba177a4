import Dispatch

/// Computes a batch's gradient on several threads: the batch's users are cut into one contiguous share
/// per thread (balanced by rating count), each thread accumulates into its own gradient buffers, and
/// the buffers are summed into the first in thread order. The result is bit-identical for a given
/// thread count. Runs on GCD's worker threads, not Swift's cooperative pool.
final class DataParallelBatch {
    let model: FactorModel
    /// Thread 0's gradients; they hold the batch's gradient after ``accumulate(rows:of:masks:perExampleL2:)``.
    let gradients: ModelGradients
    private let workerGradients: [ModelGradients]
    private var scratches: [UserScratch]
    private var losses: [BatchLoss]

    /// Buffers for `threads` threads.
    init(model: FactorModel, threads: Int) {
        self.model = model
        gradients = model.makeGradients()
        workerGradients = (1 ..< max(threads, 1)).map { _ in model.makeGradients() }
        scratches = (0 ..< max(threads, 1)).map { _ in model.makeScratch() }
        losses = [BatchLoss](repeating: BatchLoss(squaredErrors: 0, count: 0, penalty: 0), count: max(threads, 1))
    }

    var threads: Int { scratches.count }

    /// Accumulates the gradient of the batch `rows` into ``gradients`` and returns its loss.
    func accumulate(rows: ArraySlice<Int>, of data: RatingsByUser, masks: MaskSchedule, perExampleL2: Float) -> BatchLoss {
        if threads == 1 {
            return model.accumulateBatch(rows: rows, of: data, masks: masks, perExampleL2: perExampleL2,
                                         gradients: gradients, scratch: &scratches[0])
        }
        let threads = self.threads  // read before the buffers below are borrowed for writing
        let shares = Self.shares(of: rows, in: data, count: threads)
        let total = shares.last.map { _ in rows.reduce(0) { $0 + data.range(ofRow: $1).count } } ?? 0
        let model = self.model, all = [gradients] + workerGradients
        scratches.withUnsafeMutableBufferPointer { scratch in
            losses.withUnsafeMutableBufferPointer { losses in
                let scratch = scratch, losses = losses
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    losses[thread] = FloatEnvironment.withSubnormalsFlushedToZero {
                        model.accumulateBatch(rows: shares[thread], of: data, masks: masks,
                                              perExampleL2: perExampleL2, gradients: all[thread],
                                              scratch: &scratch[thread], batchCount: total)
                    }
                }
            }
        }
        var loss = losses[0]
        for thread in 1 ..< threads {
            for (target, source) in zip(gradients.tables, workerGradients[thread - 1].tables) { target.absorb(source) }
            loss.squaredErrors += losses[thread].squaredErrors
            loss.penalty += losses[thread].penalty
        }
        loss.count = total
        return loss
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
