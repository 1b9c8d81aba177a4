/// Errors of the core library; each case says where the problem is.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    /// A line that does not parse; `line` is 1-based.
    case malformedLine(file: String, line: Int, reason: String)
    /// A file with no ratings.
    case emptyFile(file: String)
    /// A folder whose files match no known MovieLens format.
    case unknownFormat(path: String, reason: String)
    /// A file that cannot be read.
    case unreadable(file: String, reason: String)
    /// A data set name or parameter that is not known.
    case invalidDataset(String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line, reason): return "\(file):\(line): \(reason)"
        case let .emptyFile(file): return "\(file): no ratings in file"
        case let .unknownFormat(path, reason): return "\(path): unknown data format: \(reason)"
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .invalidDataset(message): return message
        }
    }
}

/// Errors raised while training or evaluating a model.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss became NaN or infinite.
    case diverged(epoch: Int, loss: Double)
    /// A configuration value that cannot be used; `key` is its JSON key.
    case invalidConfiguration(key: String, expected: String)
    /// The run was stopped from outside (Ctrl-C).
    case cancelled
    /// The split left a part without ratings.
    case emptySplit(String)

    public var description: String {
        switch self {
        case let .diverged(epoch, loss): return "diverged at epoch \(epoch) (loss \(loss))"
        case let .invalidConfiguration(key, expected): return "invalid \(key): expected \(expected)"
        case .cancelled: return "cancelled"
        case let .emptySplit(part): return "the split left no ratings in \(part)"
        }
    }
}
