import Foundation
import GRDB

extension SQLiteRunStore {
    /// Opens an existing lab database for reading only (`runs`, `show`, `similar`, `export`, `report`,
    /// `run --dry-run`, the sources of `merge` and `db copy`). Nothing is ever written, so a colleague's
    /// read-only file, a read-only folder and a read-only mount all work:
    ///
    /// - first as an ordinary read-only connection, which sees another process's live writes;
    /// - when that is impossible because the folder is read-only and the write-ahead log's shared-memory
    ///   file is missing (SQLite cannot create it), as an immutable file (SQLite URI `immutable=1`):
    ///   safe there because no process can be writing to a file in a read-only folder, and complete
    ///   because a properly closed database keeps nothing in a write-ahead log.
    ///
    /// A file with an older schema is upgraded first when it is writable, and refused otherwise.
    /// - Throws: ``LabError/store(path:reason:)`` naming the file, in plain words.
    public convenience init(readingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LabError.store(path: path, reason: "no such file")
        }
        let queue = try Self.openReadOnly(path: path)
        self.init(path: path, database: queue, isReadOnly: true)
        do {
            try checkSchemaIsKnown()
            if try !reading({ try LabSchema.migrator.hasCompletedMigrations($0) }) {
                try upgradeThenReopen()
            }
        } catch {
            try? queue.close()
            throw error
        }
    }

    /// Migrates an older (or empty) file through a writing connection, which is closed again before
    /// this reader goes on.
    private func upgradeThenReopen() throws {
        guard FileManager.default.isWritableFile(atPath: path),
              FileManager.default.isWritableFile(atPath: Self.folder(of: path))
        else {
            let version = (try? schemaVersion()) ?? 0
            throw LabError.store(path: path, reason: "written by an older mfae-lab (schema version \(version)) "
                                 + "and read-only here: open it once where it is writable to upgrade it")
        }
        let writer = try SQLiteRunStore(path: path)
        try writer.close()
    }

    /// A read-only connection, or an immutable one when the folder leaves no other way.
    private static func openReadOnly(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "lab (read-only)"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            do {
                try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
                return queue
            } catch {
                try? queue.close()
                throw error
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            return try openImmutable(path: path, configuration: configuration)
        } catch {
            throw StoreFailure.error(error, path: path)
        }
    }

    /// The file as immutable, when its folder is read-only and its write-ahead log is empty.
    private static func openImmutable(path: String, configuration: Configuration) throws -> DatabaseQueue {
        if FileManager.default.isWritableFile(atPath: folder(of: path)) {
            throw LabError.store(path: path, reason: StoreFailure.reason(code: .SQLITE_CANTOPEN))
        }
        let log = path + "-wal"
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        guard logBytes == 0 else {
            throw LabError.store(path: path, reason: "part of this database is still in its write-ahead log (\(log)), "
                                 + "which cannot be read in a read-only folder; copy the folder somewhere writable, "
                                 + "or have its owner run `mfae-lab db copy` on it")
        }
        do {
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch {
            throw LabError.store(path: path, reason: "cannot read it in this read-only folder ("
                                 + StoreFailure.reason(error) + "); copy it somewhere writable")
        }
    }

    /// `file:/absolute/path?immutable=1`, percent-encoded as SQLite URIs require.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?immutable=1"
    }

    /// The folder holding `path`.
    static func folder(of path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return folder.isEmpty ? "." : folder
    }
}
