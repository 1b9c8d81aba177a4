import Foundation
import GRDB

extension SQLiteRunStore {
    /// Copies every page of the write-ahead log back into the database file and empties the log
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so that the `.sqlite` file alone holds everything even
    /// while other processes keep it open. Waits at most `patience` seconds for other processes'
    /// transactions; returns whether the whole log was copied.
    @discardableResult
    public func checkpoint(patience: TimeInterval = 10) throws -> Bool {
        guard !isReadOnly else { return true }
        return try writingWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(patience * 1000))")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = 60000") }
            do {
                let result = try db.checkpoint(.truncate)
                return result.walFrameCount == result.checkpointedFrameCount
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return false
            }
        }
    }

    /// Checkpoints (for a writer) and closes the database; afterwards every call fails. The last
    /// connection to close also deletes the write-ahead log. Call it at the end of every command:
    /// a process that exits with the database open leaves its results in `X.sqlite-wal`, and a copy
    /// of `X.sqlite` alone would miss them.
    public func close() throws {
        guard closing.set() else { return }
        var failure: Error?
        if !isReadOnly {
            do { try checkpoint() } catch { failure = error }
        }
        // Idle readers close first, so that the writer is the file's last connection in this process
        // and SQLite removes the emptied write-ahead log and its shared-memory file as it closes.
        (database as? DatabasePool)?.releaseMemory()
        do { try database.close() } catch { failure = failure ?? StoreFailure.error(error, path: path) }
        if let failure { throw failure }
    }

    /// Checks the file's structure (`PRAGMA quick_check`: every page, b-tree and record format, in
    /// one pass over the file). Used before merging into or from a file, before a report, and after
    /// a sweep, so that a damaged file is named as soon as it matters.
    /// - Throws: ``LabError/store(path:reason:)`` saying the file is damaged, with SQLite's first findings.
    public func checkIntegrity() throws {
        let findings: [String]
        do {
            findings = try database.read { db in
                try String.fetchAll(db, sql: "PRAGMA quick_check(20)")
            }
        } catch {
            throw StoreFailure.error(error, path: path)
        }
        guard findings != ["ok"] else { return }
        throw LabError.store(path: path, reason: "the database file is damaged (\(Self.damageSummary(findings))); "
                             + "restore it from a copy")
    }

    /// Checks the file at `path`, if there is one, through a reader that writes nothing: a writer
    /// would touch the file before any check could run.
    public static func checkIntegrity(ofFileAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let store = try SQLiteRunStore(readingAt: path)
        defer { try? store.close() }
        try store.checkIntegrity()
    }

    /// "damaged pages 14, 15, 20", from the integrity check's findings.
    static func damageSummary(_ findings: [String]) -> String {
        let text = findings.joined(separator: "\n")
        var pages: [Int] = []
        var rest = Substring(text)
        while let range = rest.range(of: "Page ") {
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            if let page = Int(digits), !pages.contains(page) { pages.append(page) }
        }
        guard !pages.isEmpty else { return "the integrity check failed" }
        let shown = pages.sorted().prefix(8).map(String.init).joined(separator: ", ")
        return "damaged page\(pages.count == 1 ? "" : "s") " + shown + (pages.count > 8 ? ", …" : "")
    }

    /// Writes a compact, self-contained copy of the database to `destination` (`VACUUM INTO` a
    /// temporary file beside it, checked, then renamed into place): one file with no write-ahead log,
    /// safe to copy, mail or commit. Works on a database that is open elsewhere, or read-only.
    /// - Throws: ``LabError/store(path:reason:)`` naming the source or the destination.
    public func copy(to destination: String) throws {
        let temporary = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [temporary])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw LabError.store(path: destination, reason: "cannot write the copy: " + StoreFailure.reason(error))
        }
        do {
            let copy = try SQLiteRunStore(readingAt: temporary)
            defer { try? copy.close() }
            try copy.checkIntegrity()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        // A write-ahead log left beside the destination would be replayed into the new file.
        let staleLog = destination + "-wal"
        if let bytes = try? FileManager.default.attributesOfItem(atPath: staleLog)[.size] as? Int, bytes > 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw LabError.store(path: destination, reason: "it has a write-ahead log (\(staleLog)): it is open in "
                                 + "another process, or was not closed; close it, or copy to another file")
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw LabError.store(path: destination, reason: "cannot move the copy into place: \(reason)")
        }
    }

    /// Runs `body` outside a transaction (checkpoints cannot run inside one).
    func writingWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.writeWithoutTransaction(body) } catch { throw StoreFailure.error(error, path: path) }
    }
}
