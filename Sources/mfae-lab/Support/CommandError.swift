/// Errors found by the executable itself (the libraries have their own). Each says what to do.
enum CommandError: Error, CustomStringConvertible {
    /// A reading command pointed at a database that does not exist.
    case noDatabase(path: String)
    /// A database path that cannot be used or created.
    case databaseLocation(path: String, reason: String)
    /// `train --similar` on a model without item vectors.
    case noItemVectors(model: String)
    /// A file the command writes that cannot be written.
    case cannotWrite(path: String, reason: String)
    /// `train --config FILE` that cannot be read or is not a valid configuration object.
    case invalidConfiguration(file: String, reason: String)

    var description: String {
        switch self {
        case let .noDatabase(path):
            return "no lab database at \(path): run an experiment first (mfae-lab run SPEC) or pass --db FILE"
        case let .databaseLocation(path, reason):
            return "cannot use \(path) as the lab database: \(reason)"
        case let .noItemVectors(model):
            return "--similar needs a latent model (mfae or mf), not \(model)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .invalidConfiguration(file, reason):
            return "--config \(file): \(reason)"
        }
    }
}
