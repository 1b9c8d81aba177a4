import Foundation

/// Fold-in throughput: new users per second on one thread and with every core folding in users at
/// once, the notebook's "trivially parallelizeable" claim measured. Users are independent, so the
/// threads share nothing but the read-only model; each takes every `threads`-th user.
///
/// Both rates are wall-clock rates of the same loop over the test users, repeated: first on one
/// thread, doubling the repetitions until the loop takes at least ``minimumSeconds``; then on
/// `threads` threads with `threads` times the repetitions (the same work per thread), so thread start-up
/// is amortised and the speed-up compares like with like.
public enum FoldInThroughput {
    /// The shortest one-thread measurement.
    public static let minimumSeconds = 0.05

    /// Users per second on one thread and on `threads` threads.
    public struct Rates: Sendable, Equatable {
        /// One thread.
        public var oneThread: Double
        /// `threads` threads.
        public var allThreads: Double
        /// The threads of ``allThreads``.
        public var threads: Int
    }

    /// The rates of folding in every row of `input`: the autoencoder's encoder pass (all ratings
    /// kept) when `ridge` is nil, MF's ridge solve with that penalty otherwise. The numbers computed
    /// are discarded.
    public static func measure(_ model: FactorModel, input: RatingsByUser, ridge: RidgePenalty?, threads: Int) -> Rates? {
        let rows = input.rowCount
        guard rows > 0, threads > 0 else { return nil }
        var passes = 1
        var seconds = time(model, input: input, ridge: ridge, threads: 1, passes: passes)
        while seconds < minimumSeconds && passes < 1 << 20 {
            passes *= 2
            seconds = time(model, input: input, ridge: ridge, threads: 1, passes: passes)
        }
        let parallelSeconds = time(model, input: input, ridge: ridge, threads: threads, passes: passes * threads)
        guard seconds > 0, parallelSeconds > 0 else { return nil }
        return Rates(oneThread: Double(passes * rows) / seconds,
                     allThreads: Double(passes * threads * rows) / parallelSeconds, threads: threads)
    }

    /// Wall seconds of `passes` passes over the rows of `input`, shared by `threads` threads.
    static func time(_ model: FactorModel, input: RatingsByUser, ridge: RidgePenalty?, threads: Int, passes: Int) -> Double {
        let rows = input.rowCount
        let clock = Stopwatch()
        DispatchQueue.concurrentPerform(iterations: threads) { member in
            var representation: UserRepresentation = ridge.map { .foldIn(RidgeFoldIn(k: model.k, penalty: $0)) }
                ?? .encode(.keepAll)
            var scratch = model.makeScratch()
            // Member m folds in the users m, m + threads, … of the concatenated passes.
            for index in stride(from: member, to: passes * rows, by: threads) {
                _ = Evaluator.represent(row: index % rows, of: input, model: model, representation: &representation,
                                        scratch: &scratch)
            }
        }
        return clock.elapsedSeconds
    }
}
