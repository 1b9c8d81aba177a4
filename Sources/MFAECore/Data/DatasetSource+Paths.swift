import Foundation

extension DatasetSource {
    /// This source with a relative folder path taken relative to `folder` (absolute paths, `~`
    /// paths, named and synthetic sets are unchanged). A spec's dataset path is resolved against the
    /// spec file's folder, so a spec means the same wherever it is run from.
    public func resolvingRelativePath(against folder: URL) -> DatasetSource {
        guard case let .folder(path, format) = self else { return self }
        let expanded = Self.expandingTilde(path)
        guard !expanded.hasPrefix("/") else { return self }
        let resolved = URL(fileURLWithPath: expanded, relativeTo: folder).standardizedFileURL.path
        return .folder(path: resolved, format: format)
    }
}
