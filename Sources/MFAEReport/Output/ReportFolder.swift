import Foundation

/// The output folder of `mfae-lab report` as it is on disk before a report replaces it: which
/// experiments it holds reports of, whether they are complete, and the swap that puts a finished
/// report in its place.
struct ReportFolder {
    /// The folder (it may not exist yet).
    let url: URL

    private var manager: FileManager { .default }

    /// Subfolders holding an experiment's report (a `README.md` that starts `# Experiment:`), sorted.
    func experimentFolders() -> [String] {
        guard let names = try? manager.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.filter { reportText(in: $0) != nil }.sorted()
    }

    /// Whether `folder` holds the report of an experiment whose runs had all ended.
    func holdsCompleteReport(in folder: String) -> Bool {
        guard let text = reportText(in: folder) else { return false }
        return !text.contains("**\(ExperimentReport.incompleteMarker)**")
    }

    private func reportText(in folder: String) -> String? {
        let file = url.appendingPathComponent(folder).appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: file, encoding: .utf8), text.hasPrefix("# Experiment:") else { return nil }
        return text
    }

    /// The temporary folder this process writes a report for ``url`` into: beside it (same file
    /// system, so the final move is a rename), hidden, named after the process.
    var stagingURL: URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// A new empty ``stagingURL`` (one left by a killed process of the same id is removed first).
    func makeStagingFolder() throws -> URL {
        let staging = stagingURL
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: staging.path, reason: error.localizedDescription)
        }
        return staging
    }

    /// Puts the finished report in `staging` in place of ``url``. Files of the old folder that are
    /// not reports (anything but experiment folders, `README.md` and `index.html`) are carried over.
    func replace(with staging: URL) throws {
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            try move(staging, to: url)
            return
        }
        guard isFolder.boolValue else {
            throw ReportError.writeFailed(path: url.path, reason: "not a folder")
        }
        let reports = Set(experimentFolders() + ["README.md", "index.html"])
        let names = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names where !reports.contains(name) {
            let target = staging.appendingPathComponent(name)
            if !manager.fileExists(atPath: target.path) { try move(url.appendingPathComponent(name), to: target) }
        }
        let old = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
        try move(url, to: old)
        do {
            try move(staging, to: url)
        } catch {
            try? move(old, to: url)
            throw error
        }
        try? manager.removeItem(at: old)
    }

    private func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ReportError.writeFailed(path: destination.path, reason: "cannot move \(source.path) here: \(reason)")
        }
    }
}
