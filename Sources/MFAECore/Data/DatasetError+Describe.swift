import Foundation

extension DatasetError {
    /// A one-line reason for a Foundation or system error, for ``unreadable(file:reason:)`` and
    /// ``fetchFailed(name:reason:)``.
    static func describe(_ error: Error) -> String {
        if let error = error as? DatasetError { return error.description }
        return (error as NSError).localizedDescription
    }
}
