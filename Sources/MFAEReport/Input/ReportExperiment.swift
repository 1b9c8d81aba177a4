/// One experiment of the store, as a report describes it.
public struct ReportExperiment: Sendable, Equatable {
    /// The experiment's unique name, used for its report folder.
    public var name: String
    /// What the experiment asks, in the spec author's words.
    public var description: String
    /// Path of the spec file it was created from, as given on the command line.
    public var specFile: String?
    /// The spec's JSON text.
    public var specText: String
    /// SHA-256 (hex) of ``specText``.
    public var specHash: String
    /// The data set's display name, such as `ml-100k`.
    public var datasetName: String
    /// The data set's fingerprint (see `RatingSet.fingerprint`).
    public var datasetFingerprint: String
    /// The exact command that reproduces the experiment, such as `mfae-lab run specs/mask.json`.
    public var command: String

    /// An experiment from its parts.
    public init(name: String, description: String, specFile: String? = nil, specText: String, specHash: String,
                datasetName: String, datasetFingerprint: String, command: String) {
        self.name = name; self.description = description; self.specFile = specFile; self.specText = specText
        self.specHash = specHash; self.datasetName = datasetName; self.datasetFingerprint = datasetFingerprint
        self.command = command
    }
}
