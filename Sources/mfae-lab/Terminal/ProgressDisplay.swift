import Foundation
import MFAECore
import MFAELab

/// Shows a sweep's progress. On a terminal: a few lines redrawn in place (runs done / total, each
/// running run with its epoch and validation RMSE, elapsed and estimated remaining time) below
/// one permanent line per finished run. Otherwise: plain log lines, one per run that ends.
///
/// The runner calls ``handle(_:)`` from its worker threads; the display serialises output.
final class ProgressDisplay: @unchecked Sendable {
    /// How to draw.
    enum Mode: Sendable {
        /// Redraw in place with ANSI escapes.
        case terminal
        /// Plain lines, for logs and pipes.
        case plain
    }

    private struct Running {
        var label: String
        var epoch = 0
        var epochs = 0
        var validRMSE: Double?
        var cost: Double
    }

    private let lock = NSLock()
    private let mode: Mode
    private let title: String
    private let output: FileHandle
    private let start = Date()
    private var total: Int
    private var ended = 0
    private var failed = 0
    private var remainingCost: Double
    private var finishedCost = 0.0
    private var running: [String: Running] = [:]
    private var runningOrder: [String] = []
    private var drawnLines = 0
    private var timer: Thread?
    private var isStopped = false

    /// A display for `plan`; `mode` is ``Mode/terminal`` when standard output is a terminal.
    init(plan: SweepPlan, mode: Mode? = nil, output: FileHandle = .standardOutput) {
        self.mode = mode ?? (isatty(1) == 1 ? .terminal : .plain)
        self.title = plan.shard.count > 1 ? "\(plan.spec.name) [shard \(plan.shard)]" : plan.spec.name
        self.output = output
        self.total = plan.jobs.count
        self.remainingCost = plan.jobs.reduce(0) { $0 + $1.run.expectedCost }
    }

    /// Adds runs that are not in the plan: a search's trials and final runs, proposed wave by wave.
    func expect(moreRuns count: Int) {
        lock.lock()
        total += count
        lock.unlock()
    }

    /// Starts redrawing twice a second (terminal mode only).
    func startTimer() {
        guard mode == .terminal else { return }
        let thread = Thread { [weak self] in
            while let self, !self.stopped() {
                self.redraw()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        thread.name = "mfae-lab progress"
        timer = thread
        thread.start()
    }

    private func stopped() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    /// Stops redrawing and clears the live lines.
    func stop() {
        lock.lock()
        isStopped = true
        clearLive()
        lock.unlock()
    }

    /// Reacts to a runner event.
    func handle(_ event: RunnerEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case let .started(job, _, _):
            running[job.key] = Running(label: job.run.label, cost: job.run.expectedCost)
            runningOrder.append(job.key)
        case let .training(key, epochs):
            running[key]?.epochs = epochs
        case let .epoch(key, record):
            running[key]?.epoch = record.epoch
            running[key]?.validRMSE = record.valid.rmse
        case let .skipped(job, _):
            ended += 1
            total = max(total, ended)
            remainingCost -= job.run.expectedCost
        case let .notRecorded(job, runID, reason, seconds):
            running[job.key] = nil
            runningOrder.removeAll { $0 == job.key }
            ended += 1
            total = max(total, ended)
            remainingCost -= job.run.expectedCost
            failed += 1
            clearLive()
            write("[\(ended)/\(total)] not recorded" + (runID > 0 ? " #\(runID)" : "") + " \(job.run.label)  (\(reason))  "
                  + SweepSummary.duration(seconds) + "\n")
        case let .finished(job, runID, status, metrics, error, seconds):
            running[job.key] = nil
            runningOrder.removeAll { $0 == job.key }
            ended += 1
            total = max(total, ended)
            remainingCost -= job.run.expectedCost
            finishedCost += job.run.expectedCost
            if status != .done { failed += 1 }
            clearLive()
            write(Self.line(for: job, runID: runID, status: status, metrics: metrics, error: error, seconds: seconds,
                            position: ended, total: total) + "\n")
        }
        if mode == .terminal { drawLive() }
    }

    /// `[3/60] done   #12 mfae mask_fraction=0.5 seed=0  test RMSE 0.9312  (41.2s)`.
    static func line(for job: PlannedJob, runID: Int64, status: RunStatus, metrics: [String: Double], error: String?,
                     seconds: Double, position: Int, total: Int) -> String {
        var text = "[\(position)/\(total)] \(status.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0))"
        text += " #\(runID) \(job.run.label)"
        if status == .done, let rmse = metrics[MetricName.testRMSE.rawValue] {
            text += String(format: "  test RMSE %.4f", rmse)
        }
        if let error, status != .done { text += "  (\(error))" }
        text += "  \(SweepSummary.duration(seconds))"
        return text
    }

    private func redraw() {
        lock.lock()
        defer { lock.unlock() }
        guard !isStopped else { return }
        drawLive()
    }

    private func estimatedRemaining(elapsed: Double) -> Double? {
        let partial = running.values.reduce(0.0) { sum, run in
            run.epochs > 0 ? sum + run.cost * Double(run.epoch) / Double(run.epochs) : sum
        }
        let done = finishedCost + partial
        guard done > 0, elapsed > 1 else { return nil }
        return max(0, remainingCost - partial) * elapsed / done
    }

    private func drawLive() {
        clearLive()
        let elapsed = Date().timeIntervalSince(start)
        let fraction = total > 0 ? Double(ended) / Double(total) : 1
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var lines = ["\(title)  \(ended)/\(total) runs  \(bar) \(Int(fraction * 100))%"
            + "  elapsed \(SweepSummary.duration(elapsed))"
            + (estimatedRemaining(elapsed: elapsed).map { "  remaining ~\(SweepSummary.duration($0))" } ?? "")
            + (failed > 0 ? "  \(failed) not done" : "")]
        for key in runningOrder.prefix(8) {
            guard let run = running[key] else { continue }
            var line = "  \(run.label)"
            if run.epochs > 0 { line += "  epoch \(run.epoch)/\(run.epochs)" }
            if let rmse = run.validRMSE { line += String(format: "  valid RMSE %.4f", rmse) }
            lines.append(line)
        }
        if runningOrder.count > 8 { lines.append("  … and \(runningOrder.count - 8) more") }
        write(lines.joined(separator: "\n") + "\n")
        drawnLines = lines.count
    }

    private func clearLive() {
        guard mode == .terminal, drawnLines > 0 else { return }
        write("\u{1B}[\(drawnLines)F\u{1B}[J")
        drawnLines = 0
    }

    private func write(_ text: String) {
        Console.write(text, to: output)
    }
}
