import Foundation

extension DatasetError {
    /// A one-line reason for a Foundation or system error, for ``unreadable(file:reason:)`` and the
    /// fetcher's messages: the system's message (`Is a directory`) when the error
    /// carries an errno, Foundation's description otherwise.
    public static func describe(_ error: Error) -> String {
        if let error = error as? DatasetError { return error.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return describe(underlying)
        }
        if nsError.domain == NSPOSIXErrorDomain, let message = strerror(Int32(nsError.code)) {
            return String(cString: message)
        }
        return nsError.localizedDescription
    }
}
