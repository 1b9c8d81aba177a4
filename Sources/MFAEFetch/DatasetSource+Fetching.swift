import Foundation
import MFAECore

/// Loading a source, fetching a missing named set first.
extension DatasetSource {
    /// Loads the ratings as ``DatasetSource/load(dataDirectory:log:)`` does, but when a named set's
    /// folder has no ratings file and `fetcher` knows the name, fetches it first and says so through `log`.
    ///
    /// - Throws: ``FetchError`` when fetching fails, ``DatasetError`` when reading does.
    public func loadFetchingIfMissing(dataDirectory: URL, fetcher: DatasetFetcher = DatasetFetcher(),
                                      log: (String) -> Void) throws -> RatingSet {
        if case let .named(name) = self,
           let folder = folder(dataDirectory: dataDirectory), !MovieLensFormat.folderHasRatings(folder) {
            guard fetcher.fetchableNames.contains(name) else {
                throw DatasetError.invalidDataset(
                    "no ratings file (\(MovieLensFormat.recognisedFiles)) in \(folder.path), and only "
                        + "\(fetcher.fetchableNames.joined(separator: ", ")) can be fetched")
            }
            log("\(name) is not in \(folder.path): fetching it")
            try fetcher.fetch(name, into: dataDirectory, log: log)
        }
        return try load(dataDirectory: dataDirectory, log: log)
    }
}
