import MFAELab

extension RunStatus {
    /// The order reports count statuses in: finished first (search trials stopped early by their
    /// pruner with them), then failures, then runs not yet ended.
    static let reportOrder: [RunStatus] = [.done, .pruned, .failed, .diverged, .interrupted, .pending, .running]
}
