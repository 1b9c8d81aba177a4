extension Shard {
    /// The slice that this task of a job array runs, for `--shard auto`:
    ///
    /// - a Slurm job array `--array=0-(N-1)`: `SLURM_ARRAY_TASK_ID` of `SLURM_ARRAY_TASK_COUNT`;
    /// - a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (set by Kubernetes) of `JOB_COMPLETIONS`
    ///   (set in the manifest to the job's `completions`).
    ///
    /// A Slurm array that does not cover `0…N-1` (`--array=1-8`, a step, a list, or one index
    /// resubmitted alone) is refused, since its task count is not the number of slices: give
    /// `--shard i/N` explicitly then.
    /// - Throws: ``LabError/shardUnavailable(reason:)`` when neither is set or the values do not fit.
    public init(environment: [String: String]) throws {
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw LabError.shardUnavailable(reason: "\(name)=\"\(text)\" is not a number")
            }
            return value
        }
        if let index = try number("SLURM_ARRAY_TASK_ID") {
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw LabError.shardUnavailable(reason: "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
            }
            let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            let last = try number("SLURM_ARRAY_TASK_MAX") ?? count - 1
            guard first == 0, last == count - 1 else {
                throw LabError.shardUnavailable(reason: "this Slurm array is not 0-\(count - 1) (tasks \(first) to \(last), "
                    + "\(count) in all), so its task count is not the number of slices; pass --shard \(index)/N explicitly")
            }
            try self.init(checking: index, of: count, source: "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT")
        } else if let index = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("JOB_COMPLETIONS") else {
                throw LabError.shardUnavailable(reason: "JOB_COMPLETION_INDEX is set but JOB_COMPLETIONS is not; "
                    + "set it in the Job's manifest to spec.completions")
            }
            try self.init(checking: index, of: count, source: "JOB_COMPLETION_INDEX/JOB_COMPLETIONS")
        } else {
            throw LabError.shardUnavailable(reason: "neither SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm job "
                + "array) nor JOB_COMPLETION_INDEX and JOB_COMPLETIONS (a Kubernetes Indexed Job) are set; "
                + "pass --shard i/N instead")
        }
    }

    private init(checking index: Int, of count: Int, source: String) throws {
        guard count >= 1, index >= 0, index < count else {
            throw LabError.shardUnavailable(reason: "\(source) gives \(index)/\(count), outside 0 ≤ i < N")
        }
        try self.init(index: index, count: count)
    }
}
