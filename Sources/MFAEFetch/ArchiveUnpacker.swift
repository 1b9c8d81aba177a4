import Foundation
import MFAECore
import ZIPFoundation

/// Unpacking zip files with ZIPFoundation: every entry's CRC-32 is checked, and an entry whose path
/// would land outside the destination is refused.
public enum ArchiveUnpacker {
    /// Unpacks all of `archive` into `folder` (which must exist).
    /// - Throws: the library's error, for a damaged archive or a disk that is full.
    public static func unpack(_ archive: URL, into folder: URL) throws {
        try FileManager.default.unzipItem(at: archive, to: folder)
    }

    /// Copies the entries `members` (paths inside the archive) of `archive` into `folder`, each under
    /// its last path component.
    /// - Throws: ``FetchError/failed(name:step:reason:)`` naming a missing entry; the library's error
    ///   for a damaged archive.
    public static func extract(_ members: [String], from archive: URL, into folder: URL) throws {
        let zip: Archive
        do {
            zip = try Archive(url: archive, accessMode: .read)
        } catch {
            throw FetchError.failed(name: archive.lastPathComponent, step: "opening the archive",
                                    reason: DatasetError.describe(error))
        }
        for member in members {
            guard let entry = zip[member] else {
                throw FetchError.failed(name: archive.lastPathComponent, step: "extracting \(member)",
                                        reason: "no such entry in the archive")
            }
            let name = (member as NSString).lastPathComponent
            _ = try zip.extract(entry, to: folder.appendingPathComponent(name))
        }
    }
}
