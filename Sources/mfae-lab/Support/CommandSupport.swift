import ArgumentParser
import Foundation
import MFAECore
import MFAELab

/// Wiring shared by the subcommands: loading data.
enum CommandSupport {
    /// Loads `--dataset` (a name or a folder), fetching ml-100k on first use; progress goes to stderr.
    static func loadDataset(_ text: String, format: MovieLensFormat?, dataDir: String?) throws -> RatingSet {
        var source = try DatasetSource.parse(text)
        if let format, case let .folder(path, _) = source { source = .folder(path: path, format: format) }
        return try source.load(dataDirectory: DataDirectory.resolve(flag: dataDir), log: Console.log)
    }
}

extension RunStatus: ExpressibleByArgument {}
