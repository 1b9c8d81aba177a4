import Foundation
import GRDB

/// Plain-language reasons for database failures, so that no message shows a library's internals (the
/// SQL being executed, GRDB's or SQLite's wording). Every error leaving ``SQLiteRunStore`` goes
/// through ``error(_:path:)``, which names the file.
enum StoreFailure {
    /// `error` as a ``LabError/store(path:reason:)`` naming `path`; lab errors raised inside a
    /// transaction (a run not found, a merge conflict) pass through unchanged.
    static func error(_ error: Error, path: String) -> LabError {
        if let error = error as? LabError { return error }
        return .store(path: path, reason: reason(error))
    }

    /// What went wrong, in words a user can act on.
    static func reason(_ error: Error) -> String {
        guard let error = error as? DatabaseError else {
            return "unreadable stored value (\(error.localizedDescription))"
        }
        return reason(code: error.resultCode)
    }

    /// The reason for a primary SQLite result code.
    static func reason(code: ResultCode) -> String {
        switch code {
        case .SQLITE_CORRUPT:
            return "the database file is damaged; restore it from a copy"
        case .SQLITE_NOTADB:
            return "not a database file (or a damaged one)"
        case .SQLITE_FULL:
            return "the disk is full"
        case .SQLITE_READONLY:
            return "the database is read-only here"
        case .SQLITE_CANTOPEN:
            return "cannot open the file (its folder is missing, or not readable)"
        case .SQLITE_PERM, .SQLITE_AUTH:
            return "permission denied"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the database stayed locked by another process"
        case .SQLITE_IOERR:
            return "input/output error while reading or writing the file"
        case .SQLITE_NOMEM:
            return "out of memory"
        case .SQLITE_PROTOCOL:
            return "file locking failed (is the file on a network file system? keep it on a local disk)"
        case .SQLITE_INTERRUPT:
            return "the operation was interrupted"
        default:
            return "database error (SQLite result code \(code.primaryResultCode.rawValue))"
        }
    }

    /// Whether `error` means that the file itself is damaged.
    static func isCorruption(_ error: Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }
}
