/// One of `count` deterministic slices of a grid, for running a sweep as a Slurm job array or a
/// Kubernetes indexed job: `--shard $SLURM_ARRAY_TASK_ID/N`. Indices are 0-based.
///
/// Runs are dealt to shards by expected cost, largest first, each to the least loaded shard (ties
/// to the lowest index), in a fixed order (cost, then configuration hash); so the slices depend only
/// on the set of runs, are balanced, and are the same every time a spec is expanded.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based index of this slice.
    public var index: Int
    /// Number of slices.
    public var count: Int

    /// The whole grid.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) { self.index = index; self.count = count }

    /// Slice `index` of `count`.
    /// - Throws: ``LabError/invalidShard(_:)`` unless `0 ≤ index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else { throw LabError.invalidShard("\(index)/\(count)") }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `i/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let count = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else { throw LabError.invalidShard(text) }
        guard count >= 1, index >= 0, index < count else { throw LabError.invalidShard(text) }
        self.init(uncheckedIndex: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard index of each run (longest-processing-time-first dealing).
    func assignment(of runs: [PlannedRun]) -> [Int] {
        let order = runs.indices.sorted { a, b in
            let ca = runs[a].expectedCost, cb = runs[b].expectedCost
            if ca != cb { return ca > cb }
            return runs[a].configurationHash < runs[b].configurationHash
        }
        var loads = [Double](repeating: 0, count: count)
        var owners = [Int](repeating: 0, count: runs.count)
        for position in order {
            var lightest = 0
            for shard in 1 ..< count where loads[shard] < loads[lightest] { lightest = shard }
            owners[position] = lightest
            loads[lightest] += runs[position].expectedCost
        }
        return owners
    }
}

import Foundation
