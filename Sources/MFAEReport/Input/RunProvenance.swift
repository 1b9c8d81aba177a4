/// Where and with what a run was produced.
public struct RunProvenance: Sendable, Equatable {
    /// The `mfae-lab` version that ran it.
    public var toolVersion: String?
    /// The git revision of the tool's source, when known.
    public var gitRevision: String?
    /// The machine's name and description (host, CPU, OS).
    public var host: String?
    /// Wall seconds from start to end of the run, including data preparation.
    public var wallSeconds: Double?

    /// Provenance from its parts; every part is optional.
    public init(toolVersion: String? = nil, gitRevision: String? = nil, host: String? = nil, wallSeconds: Double? = nil) {
        self.toolVersion = toolVersion; self.gitRevision = gitRevision; self.host = host; self.wallSeconds = wallSeconds
    }
}
