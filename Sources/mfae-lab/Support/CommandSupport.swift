import ArgumentParser
import Foundation
import MFAECore
import MFAEFetch
import MFAELab

/// Wiring shared by the subcommands: loading data.
enum CommandSupport {
    /// Loads `--dataset` (a name or a folder), fetching a named MovieLens set on first use; progress
    /// goes to stderr.
    static func loadDataset(_ text: String, format: MovieLensFormat?, dataDir: String?) throws -> RatingSet {
        var source = try DatasetSource.parse(text)
        if let format, case let .folder(path, _) = source { source = .folder(path: path, format: format) }
        return try source.loadFetchingIfMissing(dataDirectory: DataDirectory.resolve(flag: dataDir),
                                                fetcher: FetchProgressLine.makeFetcher(), log: Console.log)
    }
}

extension RunStatus: ExpressibleByArgument {}
