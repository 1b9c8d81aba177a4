#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's CPU time and peak resident memory, from `getrusage`.
public struct ResourceUsage: Sendable {
    /// User plus system CPU seconds of the whole process so far.
    public var cpuSeconds: Double
    /// Peak resident set size in bytes.
    public var peakResidentBytes: Int

    /// The current usage.
    public static func current() -> ResourceUsage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
        return ResourceUsage(cpuSeconds: cpu, peakResidentBytes: peak)
    }

    /// CPU seconds of the whole process (every thread) so far, from the nanosecond-resolution
    /// `CLOCK_PROCESS_CPUTIME_ID`; for timing short spans such as one epoch on a busy machine.
    public static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
