import Foundation
import GRDB
import MFAECore
import Testing
@testable import MFAELab

/// The database as a file: closing folds the write-ahead log in, readers write nothing, damage is
/// found and named, copies are self-contained, and no message shows SQLite's or GRDB's wording.
@Suite("SQLite run store as a file")
struct SQLiteFileTests {
    /// A folder with a closed database holding the fixture plan, swept by the fake trainer.
    func sweptDatabase() throws -> (folder: URL, path: String, runs: Int) {
        let folder = try LabFixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("lab.sqlite").path
        let store = try SQLiteRunStore(path: path)
        let plan = try LabFixtures.plan()
        let summary = try SweepRunner(store: store, options: .init(jobs: 2), train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(summary.doneNow == plan.jobs.count)
        try store.close()
        return (folder, path, plan.jobs.count)
    }

    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    @Test func closingLeavesEverythingInTheDatabaseFile() throws {
        let (folder, path, count) = try sweptDatabase()
        #expect(size(path + "-wal") == 0)
        // The .sqlite file alone, elsewhere, holds every run.
        let elsewhere = try LabFixtures.temporaryDirectory().appendingPathComponent("alone.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: elsewhere)
        let copy = try SQLiteRunStore(readingAt: elsewhere)
        defer { try? copy.close() }
        let runs = try copy.runs(RunFilter())
        #expect(runs.count == count && runs.allSatisfy { $0.status == .done })
        _ = folder
    }

    @Test func closingTwiceIsHarmless() throws {
        let store = try SQLiteRunStore(path: LabFixtures.temporaryDirectory().appendingPathComponent("x.sqlite").path)
        try store.close()
        try store.close()
    }

    @Test func aReaderWritesNothing() throws {
        let (_, path, count) = try sweptDatabase()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try SQLiteRunStore(readingAt: path)
        #expect(reader.isReadOnly)
        #expect(try reader.runs(RunFilter()).count == count)
        #expect(throws: LabError.self) { _ = try reader.recordExperiment(name: "x", description: "", spec: "{}", specHash: "h") }
        try reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aReaderOfAMissingFileSaysSo() throws {
        let path = try LabFixtures.temporaryDirectory().appendingPathComponent("none.sqlite").path
        #expect(throws: LabError.store(path: path, reason: "no such file")) { try SQLiteRunStore(readingAt: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func immutableURIsEscapeWhatSQLiteReads() {
        let uri = SQLiteRunStore.immutableURI("/data/a b/50%?#.sqlite")
        #expect(uri == "file:/data/a%20b/50%25%3F%23.sqlite?immutable=1")
    }

    @Test func damageIsFoundAndNamed() throws {
        let (folder, path, _) = try sweptDatabase()
        try SQLiteRunStore.checkIntegrity(ofFileAt: path)
        let damaged = folder.appendingPathComponent("damaged.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: damaged)
        try Self.damage(damaged)
        #expect(throws: LabError.self) { try SQLiteRunStore.checkIntegrity(ofFileAt: damaged) }
        do {
            try SQLiteRunStore.checkIntegrity(ofFileAt: damaged)
        } catch {
            let text = "\(error)"
            #expect(text.contains(damaged) && text.contains("damaged"))
            #expect(!text.contains("btree") && !text.contains("SQLite error"))
        }
    }

    @Test func aCopyIsSelfContainedEvenWhileTheSourceIsOpen() throws {
        let folder = try LabFixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("open.sqlite").path
        let store = try SQLiteRunStore(path: path)
        defer { try? store.close() }
        let plan = try LabFixtures.plan()
        _ = try SweepRunner(store: store, options: .init(jobs: 1), train: LabFixtures.FakeTrainer().function).run(plan)
        #expect(size(path + "-wal") > 0)
        let destination = folder.appendingPathComponent("copy.sqlite").path
        try store.copy(to: destination)
        #expect(!FileManager.default.fileExists(atPath: destination + "-wal"))
        let alone = try LabFixtures.temporaryDirectory().appendingPathComponent("alone.sqlite").path
        try FileManager.default.copyItem(atPath: destination, toPath: alone)
        let copy = try SQLiteRunStore(readingAt: alone)
        defer { try? copy.close() }
        #expect(try copy.runs(RunFilter()).count == plan.jobs.count)
        #expect(try copy.runs(RunFilter()).map(\.metrics) == store.runs(RunFilter()).map(\.metrics))
    }

    @Test func errorsNameTheFileInPlainWords() throws {
        let path = try LabFixtures.temporaryDirectory().appendingPathComponent("text.sqlite").path
        try Data(String(repeating: "not a database at all. ", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        for open in [{ _ = try SQLiteRunStore(path: path) }, { _ = try SQLiteRunStore(readingAt: path) }] {
            do {
                try open()
                Issue.record("opened a text file as a database")
            } catch {
                let text = "\(error)"
                #expect(text.hasPrefix(path + ": "))
                for fragment in ["SQLite error", "GRDB", "while executing", "grdb_", "sqlite_master"] {
                    #expect(!text.contains(fragment), "\(text)")
                }
            }
        }
    }

    @Test func failureReasonsHideTheLibrary() {
        let codes: [ResultCode] = [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_CANTOPEN,
                                   .SQLITE_BUSY, .SQLITE_IOERR, .SQLITE_ERROR]
        for code in codes {
            let reason = StoreFailure.reason(DatabaseError(resultCode: code, message: "internal text", sql: "SELECT 1"))
            #expect(!reason.contains("internal text") && !reason.contains("SELECT"))
        }
        #expect(StoreFailure.reason(code: .SQLITE_FULL) == "the disk is full")
    }

    /// Writes 64 KB of seeded random bytes into the middle of the file.
    static func damage(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let length = try handle.seekToEnd()
        var generator = SplitMix(seed: 42)
        let noise = Data((0 ..< 65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        try handle.seek(toOffset: length / 2 > 32_768 ? length / 2 - 32_768 : 0)
        handle.write(noise)
    }

    /// A tiny seeded generator for the noise.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
