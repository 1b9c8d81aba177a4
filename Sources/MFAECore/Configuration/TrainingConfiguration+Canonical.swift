extension TrainingConfiguration {
    /// The version line of ``canonicalText``; change it whenever the text of any configuration would change.
    public static let canonicalVersion = "mfae-lab configuration v2"

    /// The configuration as the run key hashes it, after ``canonicalized()``: the version line, then
    /// one `name=value` line per key in byte order of the names (a key added later is left out while
    /// it has its ``ConfigurationKey/legacyValue``, so earlier run keys stay valid), values spelled by
    /// ``ConfigurationKey/text(of:)`` (plain integers, shortest round-trip reals at the stored
    /// precision, `true`/`false`, option names). It depends on no encoder, so a toolchain upgrade
    /// cannot change it silently; tests pin the run keys of known configurations.
    ///
    /// ```
    /// mfae-lab configuration v2
    /// batch_size=1024
    /// c_vector=1e-06
    /// …
    /// valid_fraction=0.1
    /// ```
    public var canonicalText: String {
        let canonical = canonicalized()
        let lines = ConfigurationKey.all
            .filter { $0.legacyValue == nil || $0.value(in: canonical) != $0.legacyValue }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            .map { "\($0.name)=\($0.text(of: $0.value(in: canonical)))" }
        return ([Self.canonicalVersion] + lines).joined(separator: "\n")
    }
}
