import Foundation
import MFAECore

/// Fetches a named MovieLens set into the data directory and verifies it.
///
/// From GroupLens (every set in ``releases``): the checksum file beside the zip is read first and
/// must agree with the catalogue's MD5 when it has one; the zip is downloaded into
/// `<dataDirectory>/<archive>.part` (resumed when a `.part` is already there), its MD5 checked (a
/// mismatch deletes it), unpacked into a hidden staging folder, its ratings counted, given a
/// `SHA256SUMS` and a `FETCHED` provenance file, and only then renamed to `<dataDirectory>/<name>`:
/// a failed fetch leaves at most the resumable `.part`, never a half-written data set.
///
/// From RecBole (``Source/recbole``, `ml-100k` only, the default for it): the RecBole 1.2.1 wheel,
/// downloaded with `python3 -m pip download` (see ``RecBoleWheel``).
public struct DatasetFetcher: Sendable {
    /// Where a set's files come from.
    public enum Source: String, CaseIterable, Sendable {
        /// GroupLens's zip files (or a mirror of them).
        case grouplens
        /// The RecBole 1.2.1 wheel from the Python package index (`ml-100k` only).
        case recbole
    }

    /// The name of the fingerprint file written beside the data (`sha256sum` format).
    public static let fingerprintFileName = "SHA256SUMS"
    /// The name of the provenance file written beside the data (`key: value` lines).
    public static let provenanceFileName = "FETCHED"
    /// The names of the default catalogue, smallest first.
    public static var fetchableNames: [String] { MovieLensRelease.grouplens.map(\.name) }

    /// The sets that can be fetched.
    public var releases: [MovieLensRelease]
    /// The folder URL the zips and `.md5` files are under.
    public var base: URL
    /// The HTTP client's limits.
    public var downloader: HTTPDownloader
    /// How `ml-100k` is taken from RecBole's wheel.
    public var recbole: RecBoleWheel
    /// Receives download progress (from the transfer's thread); the CLI draws it on a terminal.
    public var progress: @Sendable (DownloadProgress) -> Void

    /// A fetcher of `releases` (default: GroupLens's catalogue) from `base` (default: GroupLens, or
    /// the mirror in `$MFAE_MOVIELENS_URL`).
    public init(releases: [MovieLensRelease] = MovieLensRelease.grouplens, base: URL = MovieLensRelease.base(),
                downloader: HTTPDownloader = HTTPDownloader(), recbole: RecBoleWheel = RecBoleWheel(),
                progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) {
        self.releases = releases; self.base = base; self.downloader = downloader
        self.recbole = recbole; self.progress = progress
    }

    /// The names ``fetch(_:into:source:log:)`` knows.
    public var fetchableNames: [String] { releases.map(\.name) }

    /// Fetches `name` into `<dataDirectory>/<name>/` and returns that folder. Does nothing (but say
    /// so) when the folder already holds a ratings file.
    ///
    /// - Parameters:
    ///   - source: where from; nil means RecBole for `ml-100k` and GroupLens for the others.
    ///   - log: receives one line per step.
    /// - Throws: ``FetchError`` naming the URL, file or step that failed.
    @discardableResult
    public func fetch(_ name: String, into dataDirectory: URL, source: Source? = nil,
                      log: (String) -> Void) throws -> URL {
        guard let release = releases.first(where: { $0.name == name }) else {
            throw FetchError.unknownDataset(name: name, known: fetchableNames)
        }
        let source = source ?? (name == "ml-100k" ? .recbole : .grouplens)
        if source == .recbole, name != "ml-100k" {
            throw FetchError.failed(name: name, step: "choosing the source", reason: "only ml-100k comes from RecBole")
        }
        let target = dataDirectory.appendingPathComponent(name, isDirectory: true)
        if MovieLensFormat.folderHasRatings(target) {
            log("\(name) is already in \(target.path)")
            return target
        }
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw FetchError.failed(name: name, step: "creating \(dataDirectory.path)", reason: DatasetError.describe(error))
        }
        let staging = dataDirectory.appendingPathComponent(".\(name).partial-\(UUID().uuidString)", isDirectory: true)
        defer { try? manager.removeItem(at: staging) }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw FetchError.failed(name: name, step: "creating \(staging.path)", reason: DatasetError.describe(error))
        }

        let unpacked: URL
        var provenance: [(String, String)] = [("name", name), ("source", source.rawValue)]
        switch source {
        case .recbole:
            let download = manager.temporaryDirectory.appendingPathComponent("mfae-fetch-\(UUID().uuidString)")
            defer { try? manager.removeItem(at: download) }
            try? manager.createDirectory(at: download, withIntermediateDirectories: true)
            try recbole.fetch(download: download, staging: staging, log: log)
            unpacked = staging
            provenance.append(("package", RecBoleWheel.package))
            provenance.append(("checked", "SHA-256 of each file as published in the RecBole 1.2.1 wheel"))
        case .grouplens:
            let (folder, checks) = try fetchArchive(release, dataDirectory: dataDirectory, staging: staging, log: log)
            unpacked = folder
            provenance += checks
        }

        let set: RatingSet
        do {
            set = try DatasetLoader.load(folder: unpacked, format: nil, name: name)
        } catch {
            throw FetchError.failed(name: name, step: "reading the unpacked files", reason: DatasetError.describe(error))
        }
        guard set.count == release.ratings else {
            throw FetchError.wrongRatingCount(name: name, expected: release.ratings, found: set.count)
        }
        provenance += [("ratings", String(set.count)), ("users", String(set.userCount)),
                       ("items", String(set.itemCount)), ("fingerprint", set.fingerprint),
                       ("fetched", ISO8601DateFormatter().string(from: Date()))]
        try writeRecords(in: unpacked, provenance: provenance, name: name)
        try moveIntoPlace(unpacked, target: target, name: name)
        if source == .grouplens { try? manager.removeItem(at: partFile(release, dataDirectory)) }
        log("verified \(set.count) ratings by \(set.userCount) users of \(set.itemCount) items; wrote \(target.path)")
        return target
    }

    /// The `.part` file a download of `release` is written to.
    public func partFile(_ release: MovieLensRelease, _ dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent(release.archiveName + ".part")
    }

    /// Downloads, checks and unpacks the zip; returns the unpacked folder and what was checked.
    private func fetchArchive(_ release: MovieLensRelease, dataDirectory: URL, staging: URL,
                              log: (String) -> Void) throws -> (URL, [(String, String)]) {
        let archiveURL = release.archiveURL(base: base)
        let expected = try expectedMD5(release, dataDirectory: dataDirectory, log: log)
        let part = partFile(release, dataDirectory)
        log("downloading \(archiveURL.absoluteString)")
        do {
            try downloader.download(archiveURL, to: part, progress: progress, log: log)
        } catch let FetchError.unreachable(url, reason, _) {
            throw FetchError.unreachable(url: url, reason: reason, advice: advice(release, dataDirectory))
        }
        let actual = try FileDigest.md5(of: part)
        var checks = [("url", archiveURL.absoluteString), ("md5", actual)]
        if let (digest, source) = expected {
            guard actual == digest else {
                try? FileManager.default.removeItem(at: part)
                throw FetchError.checksumMismatch(file: release.archiveName, algorithm: "MD5", expected: digest,
                                                  actual: actual, source: source)
            }
            log("MD5 \(actual) matches \(source)")
            checks.append(("checked", "MD5 against \(source); the ratings count"))
        } else {
            log("no MD5 known for \(release.archiveName): checking the ratings count only")
            checks.append(("checked", "the ratings count only (no MD5 known)"))
        }
        log("unpacking \(release.archiveName)")
        do {
            try ArchiveUnpacker.unpack(part, into: staging)
        } catch {
            throw FetchError.failed(name: release.name, step: "unpacking \(release.archiveName)", reason: DatasetError.describe(error))
        }
        let folder = staging.appendingPathComponent(release.archiveFolder, isDirectory: true)
        guard MovieLensFormat.folderHasRatings(folder) else {
            let found = (try? FileManager.default.contentsOfDirectory(atPath: staging.path))?.sorted() ?? []
            throw FetchError.failed(name: release.name, step: "unpacking \(release.archiveName)",
                                    reason: "expected a folder \(release.archiveFolder)/ holding a ratings file, "
                                        + "found \(found.joined(separator: ", "))")
        }
        return (folder, checks)
    }

    /// The MD5 the zip must have and where that value comes from: the published `.md5` file, which
    /// must agree with the catalogue's value when there is one; the catalogue's alone when the `.md5`
    /// file cannot be read; nil when neither is known.
    private func expectedMD5(_ release: MovieLensRelease, dataDirectory: URL,
                             log: (String) -> Void) throws -> (String, String)? {
        let url = release.checksumURL(base: base)
        let published: String?
        log("reading the published checksum \(url.absoluteString)")
        do {
            let text = String(decoding: try downloader.fetchData(url), as: UTF8.self)
            published = PublishedChecksum.md5(in: text, for: release.archiveName)
            if published == nil { log("\(url.absoluteString) holds no MD5 for \(release.archiveName)") }
        } catch let FetchError.unreachable(address, reason, _) {
            throw FetchError.unreachable(url: address, reason: reason, advice: advice(release, dataDirectory))
        } catch {
            log("cannot read the published checksum: \(error)")
            published = nil
        }
        switch (release.md5, published) {
        case let (pinned?, published?):
            guard pinned == published else {
                throw FetchError.conflictingChecksums(url: url.absoluteString, pinned: pinned, published: published)
            }
            return (pinned, "\(release.archiveName).md5 as published, and as known to this tool")
        case let (nil, published?):
            return (published, "\(release.archiveName).md5 as published (no value known to this tool)")
        case let (pinned?, nil):
            return (pinned, release.md5Source)
        case (nil, nil):
            return nil
        }
    }

    /// What to do when the server cannot be reached.
    private func advice(_ release: MovieLensRelease, _ dataDirectory: URL) -> String {
        let target = dataDirectory.appendingPathComponent(release.name).path
        var text = "Is this machine offline? Download \(release.archiveURL(base: base).absoluteString) on a machine "
            + "with internet access and unzip it here, so that \(target)/ holds its files"
        if release.archiveFolder != release.name { text += " (rename \(release.archiveFolder)/ to \(release.name)/)" }
        text += "; or set \(MovieLensRelease.mirrorEnvironmentVariable) to a mirror of \(base.absoluteString)"
        if release.name == "ml-100k" { text += "; or use --source recbole, which needs only the Python package index" }
        return text
    }

    /// Writes `SHA256SUMS` (every file in `folder`) and `FETCHED` (the provenance lines).
    private func writeRecords(in folder: URL, provenance: [(String, String)], name: String) throws {
        do {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            var sums = ""
            for file in files where !file.hasPrefix(".") {
                let url = folder.appendingPathComponent(file)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                      !isDirectory.boolValue else { continue }
                sums += "\(try FileDigest.sha256(of: url))  \(file)\n"
            }
            try Data(sums.utf8).write(to: folder.appendingPathComponent(Self.fingerprintFileName))
            let lines = provenance.map { "\($0.0): \($0.1)\n" }.joined()
            try Data(lines.utf8).write(to: folder.appendingPathComponent(Self.provenanceFileName))
        } catch {
            throw FetchError.failed(name: name, step: "writing \(Self.fingerprintFileName)", reason: DatasetError.describe(error))
        }
    }

    /// Renames the verified folder to `target`; only an empty leftover folder there is replaced.
    private func moveIntoPlace(_ folder: URL, target: URL, name: String) throws {
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: target.path) {
                guard try manager.contentsOfDirectory(atPath: target.path).isEmpty else {
                    throw FetchError.failed(name: name, step: "moving the files into \(target.path)",
                                            reason: "that folder exists and holds other files; move it away first")
                }
                try manager.removeItem(at: target)
            }
            try manager.moveItem(at: folder, to: target)
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.failed(name: name, step: "moving the files into \(target.path)", reason: DatasetError.describe(error))
        }
    }
}
