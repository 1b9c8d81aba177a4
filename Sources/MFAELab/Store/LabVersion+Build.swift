extension LabVersion {
    /// How this binary was compiled: `debug` or `release`. Timings of a debug build mean little.
    public static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// The package dependencies this build was resolved against, as pinned in the committed
    /// `Package.resolved` (identity and version; a test keeps the two equal).
    public static let dependencies: [(identity: String, version: String)] = [
        ("grdb.swift", "7.10.0"),
        ("swift-argument-parser", "1.8.2"),
        ("swift-asn1", "1.7.4"),
        ("swift-crypto", "3.12.3"),
        ("zipfoundation", "0.9.20"),
    ]

    /// The build as recorded in each run's provenance (the store's `tool_version`):
    /// `0.1.0 release; grdb.swift 7.10.0, swift-argument-parser 1.8.2, …`.
    public static var build: String {
        "\(tool) \(buildConfiguration); " + dependencies.map { "\($0.identity) \($0.version)" }.joined(separator: ", ")
    }
}
