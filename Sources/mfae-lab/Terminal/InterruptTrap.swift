import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP (a closed terminal) into a call of `handler`, so a
/// sweep stops cleanly and marks its running runs interrupted. A second signal of the same kind
/// restores the default action and re-raises it, ending the process at once. A closed standard
/// output (SIGPIPE) is handled by ``Console``: the process ignores SIGPIPE and sees a failed write.
final class InterruptTrap: @unchecked Sendable {
    /// The signals trapped by default.
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32]

    /// Installs the trap; keep the returned object alive for as long as it should act.
    init(signals: [Int32] = InterruptTrap.stopSignals, handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        let queue = DispatchQueue(label: "mfae-lab.signals")
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            var seen = false
            source.setEventHandler {
                if seen {
                    signal(number, SIG_DFL)
                    raise(number)
                    return
                }
                seen = true
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the trap and restores the default actions.
    func remove() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
        sources = []
    }

    deinit { for source in sources { source.cancel() } }
}
