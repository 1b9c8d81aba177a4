/// How many runs to train at once so that concurrent runs share the cores instead of oversubscribing
/// them: `jobs × threads per run ≤ cores`, unless the user asks for more.
public struct CoreBudget: Sendable, Equatable {
    /// Runs trained at once.
    public var jobs: Int
    /// Why the requested number was lowered, to tell the user; nil when it was not.
    public var note: String?

    /// The budget for runs of up to `threadsPerRun` threads on `cores` cores.
    ///
    /// - Parameters:
    ///   - requested: `--jobs` when given; nil takes `max(1, cores / threadsPerRun)`.
    ///   - oversubscribe: keep a requested `jobs` even when `jobs × threadsPerRun > cores`.
    public init(requested: Int?, threadsPerRun: Int, cores: Int, oversubscribe: Bool = false) {
        let threads = max(threadsPerRun, 1)
        let fitting = max(1, max(cores, 1) / threads)
        guard let requested else {
            jobs = fitting
            return
        }
        if oversubscribe || requested * threads <= max(cores, 1) || requested <= fitting {
            jobs = max(requested, 1)
        } else {
            jobs = fitting
            note = "--jobs \(requested) × \(threads) threads per run exceeds \(cores) cores: running \(fitting) at once "
                + "(--oversubscribe keeps \(requested))"
        }
    }
}

extension SweepPlan {
    /// The most threads any run of the plan uses (the spec's `threads`).
    public var threadsPerRun: Int { jobs.map(\.run.configuration.threads).max() ?? 1 }
}
