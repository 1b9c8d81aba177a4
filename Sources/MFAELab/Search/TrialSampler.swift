import MFAECore

/// Proposes a trial's values with a search's sampler.
///
/// Each trial draws from its own stream, derived from the search seed, the study (model and
/// protocol) and the trial's index, so a trial's proposal does not depend on the order in which
/// the trials of its wave are proposed or run.
public enum TrialSampler {
    /// The values of trial `index` of `study` for `space`; `observations` are the trials of the
    /// study's completed waves (TPE's history; the other samplers ignore it).
    public static func propose(_ search: SearchSpec, space: SearchSpace, study: String, index: Int,
                               observations: [TrialObservation]) -> [String: JSONValue] {
        var generator = stream(search.seed, study: study, index: index)
        switch search.sampler {
        case .random:
            return space.values(at: space.dimensions.map { _ in generator.nextUnitDouble() })
        case .sobol:
            var shift = stream(search.seed, study: study, index: -1)
            let sequence = SobolSequence(dimensions: space.dimensions.count, shiftSeed: shift.next())
            return space.values(at: sequence.point(index))
        case .tpe:
            guard observations.count >= search.startupTrials, !observations.isEmpty else {
                return space.values(at: space.dimensions.map { _ in generator.nextUnitDouble() })
            }
            return TreeParzenEstimator.propose(space: space, observations: observations, generator: &generator)
        }
    }

    /// A generator for (seed, study, index): the study's name hashed with FNV-1a, mixed by SplitMix64.
    static func stream(_ seed: UInt64, study: String, index: Int) -> SplitMix64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in study.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var mixer = SplitMix64(seed: seed ^ hash ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        return SplitMix64(seed: mixer.next())
    }
}
