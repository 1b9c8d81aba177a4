import Foundation
import MFAELab
import Testing

/// Each run records the build that made it: version, configuration, resolved dependencies.
@Suite("Build provenance")
struct BuildProvenanceTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func recordedDependenciesAreThoseOfTheCommittedPackageResolved() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Package.resolved"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let pins = try #require(object?["pins"] as? [[String: Any]])
        let resolved = pins.compactMap { pin -> String? in
            guard let identity = pin["identity"] as? String,
                  let version = (pin["state"] as? [String: Any])?["version"] as? String else { return nil }
            return "\(identity) \(version)"
        }.sorted()
        #expect(resolved == LabVersion.dependencies.map { "\($0.identity) \($0.version)" }.sorted(),
                "update LabVersion.dependencies (Sources/MFAELab/Store/LabVersion+Build.swift) after `swift package update`")
    }

    @Test func aRunsProvenanceNamesTheBuild() {
        let provenance = Provenance.current()
        #expect(provenance.toolVersion.hasPrefix("\(LabVersion.tool) \(LabVersion.buildConfiguration); "))
        #expect(provenance.toolVersion.contains("swift-crypto 3.12.3"))
        #if DEBUG
        #expect(LabVersion.buildConfiguration == "debug")
        #endif
    }
}
