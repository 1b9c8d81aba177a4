import Foundation

/// One MovieLens data set as GroupLens publishes it: a zip file beside an `.md5` file, unpacking into
/// one folder, with a known number of ratings.
///
/// The catalogue of real releases is ``MovieLensRelease/grouplens``; tests build their own releases
/// (a small zip served from 127.0.0.1) and pass them to ``DatasetFetcher``.
public struct MovieLensRelease: Sendable, Equatable {
    /// The name used on the command line, in specs and as the folder under the data directory (`ml-1m`).
    public var name: String
    /// The zip file's name on the server (`ml-1m.zip`).
    public var archiveName: String
    /// The folder the zip unpacks into (`ml-1m`; `ml-10M100K` for ML-10M).
    public var archiveFolder: String
    /// The zip file's MD5 as GroupLens publishes it, when it could be looked up; nil when unknown, in
    /// which case only the published `.md5` file (fetched at run time) and the row count check it.
    public var md5: String?
    /// Where ``md5`` was taken from, for messages and provenance.
    public var md5Source: String
    /// The number of ratings in the unpacked ratings file.
    public var ratings: Int

    /// Describes a release.
    public init(name: String, archiveName: String, archiveFolder: String, md5: String?, md5Source: String,
                ratings: Int) {
        self.name = name; self.archiveName = archiveName; self.archiveFolder = archiveFolder
        self.md5 = md5; self.md5Source = md5Source; self.ratings = ratings
    }

    /// The zip file under `base` (`<base>/ml-1m.zip`).
    public func archiveURL(base: URL) -> URL {
        base.appendingPathComponent(archiveName)
    }

    /// The checksum file GroupLens publishes beside the zip (`<base>/ml-1m.zip.md5`).
    public func checksumURL(base: URL) -> URL {
        base.appendingPathComponent(archiveName + ".md5")
    }
}
