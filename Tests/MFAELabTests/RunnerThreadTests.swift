import Foundation
import MFAECore
import Testing
@testable import MFAELab

/// No thread of a finished sweep still holds the runner or its store: otherwise the last reference
/// goes when Foundation tears the thread down, and a SQLite store closed there corrupts the heap
/// (`Docs/subprocesses.md`).
@Suite("Runner threads")
struct RunnerThreadTests {
    @Test func aFinishedSweepLeavesNoReferenceToItsRunnerOrStore() throws {
        weak var weakStore: InMemoryRunStore?
        weak var weakRunner: SweepRunner?
        try { () throws in
            let store = InMemoryRunStore()
            let runner = SweepRunner(store: store, options: .init(jobs: 2), train: LabFixtures.FakeTrainer().function)
            weakStore = store
            weakRunner = runner
            #expect(try runner.run(LabFixtures.plan()).doneNow > 0)
        }()
        #expect(weakRunner == nil && weakStore == nil)
    }

    @Test func workIsReleasedBeforeWaitReturns() {
        final class Token: Sendable {}
        weak var weakToken: Token?
        let thread: RunnerThread = {
            let token = Token()
            weakToken = token
            return RunnerThread(name: "test") { withExtendedLifetime(token) {} }
        }()
        thread.wait()
        #expect(weakToken == nil)
    }
}
