import Testing
@testable import MFAELab

/// `--shard auto`: the slice from a Slurm job array's or a Kubernetes Indexed Job's environment.
@Suite("Shard from the environment")
struct ShardEnvironmentTests {
    @Test func aSlurmArrayGivesItsTaskOfTheCount() throws {
        let shard = try Shard(environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3",
                                            "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2"])
        #expect(shard == (try Shard(index: 2, count: 3)))
    }

    @Test func anIndexedJobGivesItsCompletionIndex() throws {
        let shard = try Shard(environment: ["JOB_COMPLETION_INDEX": "4", "JOB_COMPLETIONS": "8"])
        #expect(shard == (try Shard(index: 4, count: 8)))
    }

    @Test func slurmWinsOverKubernetes() throws {
        let shard = try Shard(environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2",
                                            "JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "2"])
        #expect(shard.index == 0)
    }

    @Test(arguments: [
        ([:], "neither SLURM_ARRAY_TASK_ID"),
        (["SLURM_ARRAY_TASK_ID": "1"], "SLURM_ARRAY_TASK_COUNT is not"),
        (["JOB_COMPLETION_INDEX": "1"], "JOB_COMPLETIONS is not"),
        (["JOB_COMPLETION_INDEX": "x", "JOB_COMPLETIONS": "2"], "is not a number"),
        (["JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "2"], "outside"),
        // An array from 1, or one task resubmitted alone: the task count is not the number of slices.
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
          "SLURM_ARRAY_TASK_MAX": "3"], "not 0-2"),
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_MIN": "2",
          "SLURM_ARRAY_TASK_MAX": "2"], "pass --shard 2/N"),
    ] as [([String: String], String)])
    func missingOrUnfitValuesAreRefusedClearly(environment: [String: String], message: String) {
        do {
            _ = try Shard(environment: environment)
            Issue.record("accepted \(environment)")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("--shard auto: ") && text.contains(message), "\(text)")
        }
    }
}
