import MFAELab

extension RunStatus {
    /// The order reports count statuses in: finished first, then failures, then runs not yet ended.
    static let reportOrder: [RunStatus] = [.done, .failed, .diverged, .interrupted, .pending, .running]
}
