import CKernels
import Foundation
import Synchronization

/// A fixed team of threads that run one body together, many times a second: member 0 is the caller,
/// members 1… are dedicated threads created once (not Swift's cooperative pool, which CPU-bound work
/// would starve, nor GCD's, which may run two members one after the other on one thread and so
/// deadlock a ``barrier()``).
///
/// A training batch takes about a hundred microseconds, so members spin (with the CPU's pause hint,
/// then yielding the core) while they wait for work or for each other, and only then sleep: waking a
/// sleeping thread costs tens of microseconds. The team's own threads flush subnormals to zero, like the training loop.
final class WorkerTeam: @unchecked Sendable {
    /// Number of members, the caller included.
    var size: Int { shared.size }
    private let shared: Shared

    /// A team of `size` members: the caller and `size − 1` new threads.
    init(size: Int) {
        precondition(size >= 1)
        shared = Shared(size: size)
        for member in 1 ..< size {
            let shared = self.shared
            let thread = Thread { shared.serve(member: member) }
            thread.name = "mfae-worker-\(member)"
            thread.start()
        }
    }

    /// Stops the threads and waits for them to leave.
    deinit { shared.stop() }

    /// Runs `body(member)` on every member at once and returns when all have finished.
    /// `body` may call ``barrier()``; it must not call `run` again.
    func run(_ body: @escaping (Int) -> Void) { shared.run(body) }

    /// Waits until every member of the running body has reached this barrier.
    func barrier() { shared.barrier() }

    /// The state the members share; the threads hold it, not the team, so the team can stop them.
    private final class Shared: @unchecked Sendable {
        let size: Int
        private let generation = Atomic<Int>(0)
        private let finished = Atomic<Int>(0)
        private let departed = Atomic<Int>(0)
        private let arrived = Atomic<Int>(0)
        private let barrierGeneration = Atomic<Int>(0)
        private let isStopping = Atomic<Bool>(false)
        private let sleepers = NSCondition()
        /// Written before `generation` is bumped (a releasing store), read after it is seen (acquiring).
        private var job: ((Int) -> Void)?

        /// Pause-hinted spins before a waiting member starts yielding its core (tens of microseconds).
        private static let spinsBeforeYielding = 4_000
        /// Spins, the yielding ones included, before a waiting member sleeps.
        private static let spinsBeforeSleeping = 6_000

        init(size: Int) { self.size = size }

        func run(_ body: @escaping (Int) -> Void) {
            guard size > 1 else { body(0); return }
            job = body
            finished.store(0, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            wakeSleepers()
            body(0)
            waitUntil { self.finished.load(ordering: .acquiring) == self.size - 1 }
            job = nil
        }

        /// A sense-reversing barrier: the last to arrive resets the count and opens the next phase.
        func barrier() {
            guard size > 1 else { return }
            let phase = barrierGeneration.load(ordering: .acquiring)
            if arrived.add(1, ordering: .acquiringAndReleasing).newValue == size {
                arrived.store(0, ordering: .relaxed)
                barrierGeneration.add(1, ordering: .releasing)
                wakeSleepers()
            } else {
                waitUntil { self.barrierGeneration.load(ordering: .acquiring) != phase }
            }
        }

        func serve(member: Int) {
            mfae_flush_subnormals_to_zero()  // this thread only ever trains
            var seen = 0
            while true {
                waitUntil { self.generation.load(ordering: .acquiring) != seen }
                seen = generation.load(ordering: .acquiring)
                if isStopping.load(ordering: .acquiring) { break }
                job?(member)
                finished.add(1, ordering: .releasing)
            }
            departed.add(1, ordering: .releasing)
        }

        func stop() {
            isStopping.store(true, ordering: .releasing)
            generation.add(1, ordering: .releasing)
            wakeSleepers()
            waitUntil { self.departed.load(ordering: .acquiring) == self.size - 1 }
        }

        private func wakeSleepers() {
            sleepers.lock(); sleepers.broadcast(); sleepers.unlock()
        }

        /// Spins until `condition` holds, first with the pause hint, then yielding the core; then sleeps
        /// on the condition variable, which every state change broadcasts (checked under its lock, so
        /// no wake-up is lost).
        private func waitUntil(_ condition: () -> Bool) {
            var spins = 0
            while !condition() {
                if spins < Self.spinsBeforeYielding {
                    spins += 1
                    mfae_cpu_relax()
                } else if spins < Self.spinsBeforeSleeping {
                    spins += 1
                    sched_yield()
                } else {
                    sleepers.lock()
                    if !condition() { _ = sleepers.wait(until: Date(timeIntervalSinceNow: 0.01)) }
                    sleepers.unlock()
                }
            }
        }
    }
}
