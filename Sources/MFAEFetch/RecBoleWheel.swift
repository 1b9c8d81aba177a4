import Foundation
import MFAECore

/// ML-100k as shipped inside the RecBole 1.2.1 wheel (`recbole/dataset_example/ml-100k/`), downloaded
/// with `python3 -m pip download`, so that only Python's package client is needed: this works where
/// the package index is reachable and GroupLens is not.
public struct RecBoleWheel: Sendable {
    /// The RecBole release whose wheel ships the files.
    static let package = "recbole==1.2.1"
    /// Where the files are inside the wheel.
    static let folder = "recbole/dataset_example/ml-100k/"
    /// The files taken from the wheel, with their SHA-256 in RecBole 1.2.1.
    static let files: [(name: String, sha256: String)] = [
        ("ml-100k.inter", "4edb74e2a81178c2ba9ff381495f754f996c4aea351b1272ca36b43da0935eff"),
        ("ml-100k.item", "51d7cdf777ce5c0f5b32c1d947a4a81fe07d75e78abbe761e0cd4d0756064532"),
    ]

    /// The Python interpreter that runs pip, looked up on `PATH`.
    public var python: String

    /// Uses `python` (default `python3`).
    public init(python: String = "python3") {
        self.python = python
    }

    /// Downloads the wheel into `download`, copies the two files into `staging` and checks their SHA-256.
    /// - Throws: ``FetchError/failed(name:step:reason:)`` naming the step, or
    ///   ``FetchError/checksumMismatch(file:algorithm:expected:actual:source:)``.
    func fetch(download: URL, staging: URL, log: (String) -> Void) throws {
        log("downloading the \(Self.package) wheel with pip (about 2 MB)")
        let wheel = try downloadWheel(into: download)
        log("extracting \(Self.files.map(\.name).joined(separator: " and ")) from \(wheel.lastPathComponent)")
        do {
            try ArchiveUnpacker.extract(Self.files.map { Self.folder + $0.name }, from: wheel, into: staging)
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.failed(name: "ml-100k", step: "extracting from \(wheel.lastPathComponent)",
                                    reason: DatasetError.describe(error))
        }
        for (file, expected) in Self.files {
            let digest = try FileDigest.sha256(of: staging.appendingPathComponent(file))
            guard digest == expected else {
                throw FetchError.checksumMismatch(file: file, algorithm: "SHA-256", expected: expected,
                                                  actual: digest, source: "RecBole 1.2.1")
            }
        }
    }

    /// Runs `pip download` and returns the wheel it saved.
    private func downloadWheel(into folder: URL) throws -> URL {
        func failed(_ reason: String) -> FetchError { .failed(name: "ml-100k", step: "running pip", reason: reason) }
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run([python, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                                             "--disable-pip-version-check", Self.package, "-d", folder.path])
        } catch {
            throw failed("cannot run \(python): \(DatasetError.describe(error))")
        }
        guard outcome.succeeded else {
            throw failed("pip download exited with status \(outcome.status): \(outcome.tail())")
        }
        let wheels = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("recbole-") && $0.hasSuffix(".whl") }
        guard let wheel = wheels.first, wheels.count == 1 else {
            throw failed("pip download left \(wheels.count) RecBole wheels in \(folder.path): \(outcome.tail())")
        }
        return folder.appendingPathComponent(wheel)
    }
}
