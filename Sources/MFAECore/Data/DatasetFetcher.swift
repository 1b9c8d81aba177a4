import Crypto
import Foundation

/// Fetches a named MovieLens set into the data directory. Only `ml-100k` is supported: it comes
/// from the RecBole 1.2.1 wheel (`recbole/dataset_example/ml-100k/`), downloaded with
/// `python3 -m pip download`, so nothing but Python's package client is needed.
///
/// The files are extracted into a staging folder inside the data directory, checked (exactly
/// 100,000 ratings that parse, and the SHA-256 of each file as published in that wheel), given a
/// `SHA256SUMS` file in `sha256sum` format, and only then renamed to `<dataDirectory>/ml-100k`, so
/// a failed fetch leaves nothing behind.
public struct DatasetFetcher: Sendable {
    /// The names ``fetch(_:into:log:)`` knows.
    public static let fetchableNames = ["ml-100k"]
    /// The RecBole release whose wheel ships the files.
    static let recbolePackage = "recbole==1.2.1"
    /// Where the files are inside the wheel.
    static let wheelFolder = "recbole/dataset_example/ml-100k/"
    /// The files taken from the wheel, with their SHA-256 in RecBole 1.2.1.
    static let expectedFiles: [(name: String, sha256: String)] = [
        ("ml-100k.inter", "4edb74e2a81178c2ba9ff381495f754f996c4aea351b1272ca36b43da0935eff"),
        ("ml-100k.item", "51d7cdf777ce5c0f5b32c1d947a4a81fe07d75e78abbe761e0cd4d0756064532"),
    ]
    /// Ratings in ML-100k.
    static let expectedRatings = 100_000
    /// The name of the fingerprint file written beside the data.
    public static let fingerprintFileName = "SHA256SUMS"

    /// The Python interpreter that runs pip and unpacks the wheel, looked up on `PATH`.
    public var python: String

    /// A fetcher that uses `python` (default `python3`).
    public init(python: String = "python3") {
        self.python = python
    }

    /// Fetches `name` into `<dataDirectory>/<name>/` and returns that folder. Does nothing (but say
    /// so) when the folder already holds a ratings file.
    ///
    /// - Parameter log: receives one line per step.
    /// - Throws: ``DatasetError/fetchFailed(name:reason:)`` saying which step failed and why;
    ///   ``DatasetError/invalidDataset(_:)`` for a name that cannot be fetched.
    @discardableResult
    public func fetch(_ name: String, into dataDirectory: URL, log: (String) -> Void) throws -> URL {
        guard Self.fetchableNames.contains(name) else {
            throw DatasetError.invalidDataset(
                "cannot fetch \"\(name)\": only \(Self.fetchableNames.joined(separator: ", ")) can be fetched")
        }
        let target = dataDirectory.appendingPathComponent(name, isDirectory: true)
        if MovieLensFormat.folderHasRatings(target) {
            log("\(name) is already in \(target.path)")
            return target
        }
        func failed(_ reason: String) -> DatasetError { .fetchFailed(name: name, reason: reason) }
        let manager = FileManager.default
        let unique = UUID().uuidString
        let download = manager.temporaryDirectory.appendingPathComponent("mfae-fetch-\(unique)", isDirectory: true)
        let staging = dataDirectory.appendingPathComponent(".\(name).partial-\(unique)", isDirectory: true)
        defer {
            try? manager.removeItem(at: download)
            try? manager.removeItem(at: staging)
        }
        do {
            try manager.createDirectory(at: download, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw failed("cannot create \(staging.path): \(DatasetError.describe(error))")
        }

        log("downloading the \(Self.recbolePackage) wheel with pip (about 2 MB)")
        let wheel = try downloadWheel(into: download, failed: failed)
        log("extracting \(Self.expectedFiles.map(\.name).joined(separator: " and ")) from \(wheel.lastPathComponent)")
        try extract(from: wheel, into: staging, failed: failed)

        var sums = ""
        for (file, expected) in Self.expectedFiles {
            let digest = try sha256(of: staging.appendingPathComponent(file), failed: failed)
            guard digest == expected else {
                throw failed("\(file) has SHA-256 \(digest), expected \(expected) (RecBole 1.2.1)")
            }
            sums += "\(digest)  \(file)\n"
        }
        let set: RatingSet
        do {
            set = try DatasetLoader.load(folder: staging, format: .recbole, name: name)
        } catch {
            throw failed("the extracted files do not load: \(DatasetError.describe(error))")
        }
        guard set.count == Self.expectedRatings else {
            throw failed("expected \(Self.expectedRatings) ratings, found \(set.count)")
        }
        do {
            try Data(sums.utf8).write(to: staging.appendingPathComponent(Self.fingerprintFileName))
            if manager.fileExists(atPath: target.path) {
                // Only an empty leftover folder is replaced; anything else is the user's.
                guard try manager.contentsOfDirectory(atPath: target.path).isEmpty else {
                    throw failed("\(target.path) exists and holds other files; move it away first")
                }
                try manager.removeItem(at: target)
            }
            try manager.moveItem(at: staging, to: target)
        } catch let error as DatasetError {
            throw error
        } catch {
            throw failed("cannot move the files into \(target.path): \(DatasetError.describe(error))")
        }
        log("verified \(set.count) ratings by \(set.userCount) users of \(set.itemCount) items; "
            + "wrote \(target.path)")
        return target
    }

    /// Runs `pip download` and returns the wheel it saved.
    private func downloadWheel(into folder: URL, failed: (String) -> DatasetError) throws -> URL {
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run([python, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                                             "--disable-pip-version-check", Self.recbolePackage,
                                             "-d", folder.path])
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

    /// Copies the wanted members of `wheel` (a zip file) into `folder` with Python's `zipfile`.
    private func extract(from wheel: URL, into folder: URL, failed: (String) -> DatasetError) throws {
        let script = """
            import sys, zipfile
            wheel, folder, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
            with zipfile.ZipFile(wheel) as archive:
                for name in sys.argv[4:]:
                    with open(folder + "/" + name, "wb") as out:
                        out.write(archive.read(prefix + name))
            """
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run([python, "-c", script, wheel.path, folder.path, Self.wheelFolder]
                                            + Self.expectedFiles.map(\.name))
        } catch {
            throw failed("cannot run \(python): \(DatasetError.describe(error))")
        }
        guard outcome.succeeded else {
            throw failed("extracting from \(wheel.lastPathComponent) failed: \(outcome.tail())")
        }
    }

    /// The SHA-256 of a file, in lowercase hex.
    private func sha256(of url: URL, failed: (String) -> DatasetError) throws -> String {
        do {
            let data = try Data(contentsOf: url)
            return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        } catch {
            throw failed("cannot read \(url.lastPathComponent): \(DatasetError.describe(error))")
        }
    }
}
