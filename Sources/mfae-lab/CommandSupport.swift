import ArgumentParser
import Foundation
import MFAECore

/// Wiring shared by the subcommands: loading data, messages on stderr, failing with a message.
enum CommandSupport {
    /// Writes a progress or diagnostic line to stderr, keeping stdout for results.
    static func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints `message` to stderr as an error and returns the failure exit code to throw.
    static func fail(_ message: String) -> ExitCode {
        log("error: \(message)")
        return ExitCode.failure
    }

    /// Loads `--dataset` (a name or a folder), fetching ml-100k on first use.
    static func loadDataset(_ text: String, format: MovieLensFormat?, dataDir: String?) throws -> RatingSet {
        do {
            var source = try DatasetSource.parse(text)
            if let format, case let .folder(path, _) = source { source = .folder(path: path, format: format) }
            return try source.load(dataDirectory: DataDirectory.resolve(flag: dataDir), log: log)
        } catch let error as DatasetError {
            throw fail(error.description)
        }
    }
}
