import ArgumentParser
import Foundation
import MFAELab

/// The `--db` option every command that reads or writes the lab database shares.
struct DatabaseOption: ParsableArguments {
    /// The default database file, in the current folder.
    static let defaultPath = "lab.sqlite"

    /// The database file.
    @Option(help: "The lab database file (SQLite, on a local disk).")
    var db: String = DatabaseOption.defaultPath

    /// Whether `--db` was left at its default.
    var isDefault: Bool { db == Self.defaultPath }

    /// Opens an existing database for reading only (it works on read-only files, folders and mounts);
    /// reading commands never create one.
    /// - Throws: ``CommandError/noDatabase(path:)`` when there is no file at `--db`.
    func openExisting() throws -> SQLiteRunStore {
        try Self.openExisting(db)
    }

    /// Opens the existing database at `path`.
    static func openExisting(_ path: String) throws -> SQLiteRunStore {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandError.noDatabase(path: path)
        }
        guard !isFolder.boolValue else { throw CommandError.databaseLocation(path: path, reason: "it is a folder") }
        return try SQLiteRunStore(readingAt: path)
    }

    /// Opens the database at `--db` for writing, creating it (and its missing folders) if needed,
    /// after ``checkWritable()``.
    func openForWriting() throws -> SQLiteRunStore {
        try Self.openForWriting(db)
    }

    /// Opens the database at `path` for writing, creating it and its missing folders.
    static func openForWriting(_ path: String) throws -> SQLiteRunStore {
        try checkWritable(path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandError.databaseLocation(path: path, reason: "cannot create the folder \(folder.path)")
        }
        return try SQLiteRunStore(path: path)
    }

    /// The verdict a real run would reach on `--db`, without touching anything (for `--dry-run`):
    /// an existing file, or a path whose nearest existing ancestor is a writable folder.
    /// - Returns: a note on what would be created (`nil` when the database exists).
    @discardableResult
    func checkWritable() throws -> String? {
        try Self.checkWritable(db)
    }

    /// See ``checkWritable()``.
    @discardableResult
    static func checkWritable(_ path: String) throws -> String? {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { throw CommandError.databaseLocation(path: path, reason: "it is a folder") }
            return nil
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        var missing: [String] = []
        while !manager.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
            missing.append(ancestor.lastPathComponent)
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { break }
            ancestor = parent
        }
        guard isFolder.boolValue else {
            throw CommandError.databaseLocation(path: path, reason: "\(ancestor.path) is not a folder")
        }
        guard manager.isWritableFile(atPath: ancestor.path) else {
            throw CommandError.databaseLocation(path: path, reason: "the folder \(ancestor.path) is not writable")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return missing.isEmpty ? "new database" : "new database; its folder \(folder) will be created"
    }
}
