import Foundation

/// A thread for the runner's work whose closure, and everything it holds, is released as soon as the
/// work returns, while the thread is still fully alive, and which can be waited for.
///
/// Foundation releases a `Thread`'s closure only when the thread is torn down, inside a pthread key
/// destructor. When that closure holds the last reference to a SQLite store (the runner holds its
/// store), GRDB closes the database there: its `DispatchQueue.sync` and SQLite's frees then run after
/// libdispatch has cleaned up the thread's caches, and the heap is corrupted. That was the
/// intermittent crash of the parallel tests (`Docs/subprocesses.md`): a core shows
/// `SweepRunner.deinit → SQLiteRunStore.deinit → DatabasePool.deinit → sqlite3WalClose` under
/// `__nptl_deallocate_tsd` of an exiting worker thread.
final class RunnerThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var work: (() -> Void)?
    private var isFinished = false

    /// Starts `work` on a new thread named `name` (with `stackSize` bytes of stack when given).
    init(name: String, stackSize: Int? = nil, _ work: @escaping () -> Void) {
        self.work = work
        let thread = Thread { [self] in run() }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Waits until the work has returned and been released.
    func wait() {
        condition.lock()
        while !isFinished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        var body = condition.withLock { () -> (() -> Void)? in
            defer { work = nil }
            return work
        }
        body?()
        body = nil  // the captures go here, on a live thread, not when Foundation tears the thread down
        condition.withLock {
            isFinished = true
            condition.broadcast()
        }
    }
}
