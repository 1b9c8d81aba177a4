import Foundation
import GRDB
import MFAECore
import Testing
@testable import MFAELab

@Suite("SQLite run store")
struct SQLiteRunStoreTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func freshPath() throws -> String {
        try LabFixtures.temporaryDirectory().appendingPathComponent("lab.sqlite").path
    }

    @Test func aNewDatabaseHasTheCurrentSchemaInWALMode() throws {
        let path = try freshPath()
        let store = try SQLiteRunStore(path: path)
        #expect(try store.schemaVersion() == LabSchema.version)
        let mode = try store.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try store.database.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(Set(tables).isSuperset(of: ["experiments", "datasets", "runs", "experiment_runs", "scalars", "metrics",
                                            "item_parameters"]))
        // Reopening migrates nothing and keeps the version.
        #expect(try SQLiteRunStore(path: path).schemaVersion() == LabSchema.version)
    }

    @Test func aVersion1DatabaseOpensAndReads() throws {
        let path = try freshPath()
        let sql = try String(contentsOf: Self.fixtures.appendingPathComponent("lab-v1.sql"), encoding: .utf8)
        // The dump's own BEGIN/COMMIT are left out: GRDB opens the transaction. Its tables come in
        // alphabetical order, so foreign keys are checked only once everything is loaded.
        let statements = sql.split(separator: "\n").filter { $0 != "BEGIN TRANSACTION;" && $0 != "COMMIT;" }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { try $0.execute(sql: statements.joined(separator: "\n")) }
        try queue.close()

        let store = try SQLiteRunStore(path: path)
        #expect(try store.schemaVersion() == LabSchema.version)
        #expect(try store.database.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        let runs = try store.runs(RunFilter(experiment: "smoke"))
        #expect(runs.count == 3)
        #expect(runs.map(\.status) == [.done, .done, .interrupted])
        let mfae = try #require(runs.first)
        #expect(mfae.configuration.model == .mfae)
        #expect(mfae.metric(.testRMSE) != nil)
        #expect(try store.scalars(runID: mfae.id).count == 2 * ScalarName.allCases.count)
        let items = try #require(try store.itemParameters(runID: mfae.id))
        #expect(items.k == 4 && items.biases.count == 200)
        #expect(try store.dataset(fingerprint: mfae.datasetFingerprint)?.itemCount == 200)
        // The interrupted run is redone by the next sweep.
        #expect(try store.dispositions(keys: [runs[2].key], policy: ClaimPolicy())[runs[2].key] == .retry)
    }

    /// Version 2 rekeys every run with the versioned canonical text, so a v1 database's results are
    /// found by the keys a sweep computes now (and not re-run).
    @Test func migratingToVersion2RekeysRunsByTheCanonicalText() throws {
        let path = try freshPath()
        let sql = try String(contentsOf: Self.fixtures.appendingPathComponent("lab-v1.sql"), encoding: .utf8)
        #expect(sql.contains("'183caf13681fd8b6f6e1757cef1c51f6b730eed7ad5742114fd97aae559f3fdf'"), "the v1 key of run 16")
        let statements = sql.split(separator: "\n").filter { $0 != "BEGIN TRANSACTION;" && $0 != "COMMIT;" }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { try $0.execute(sql: statements.joined(separator: "\n")) }
        try queue.close()

        let store = try SQLiteRunStore(path: path)
        #expect(try store.schemaVersion() == LabSchema.version)
        let runs = try store.runs(RunFilter())
        #expect(!runs.isEmpty)
        for run in runs {
            #expect(run.key == RunKey.make(configuration: run.configuration, datasetFingerprint: run.datasetFingerprint))
        }
        let interrupted = try #require(runs.first { $0.id == 16 })
        #expect(interrupted.key != "183caf13681fd8b6f6e1757cef1c51f6b730eed7ad5742114fd97aae559f3fdf")
        // Planning the same configuration again finds the stored run instead of adding one.
        #expect(try store.dispositions(keys: [interrupted.key], policy: ClaimPolicy())[interrupted.key] == .retry)
        let done = try #require(runs.first { $0.status == .done })
        #expect(try store.dispositions(keys: [done.key], policy: ClaimPolicy())[done.key] == .done)
        // Version 3 rebuilt the runs table (a `pruned` status): every run keeps its epochs and metrics.
        #expect(try !store.scalars(runID: done.id).isEmpty && !store.metrics(runID: done.id).isEmpty)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = try freshPath()
        _ = try SQLiteRunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            try db.execute(sql: "PRAGMA user_version = 99")
        }
        try queue.close()
        #expect(throws: LabError.self) { try SQLiteRunStore(path: path) }
    }

    @Test func aFileThatIsNotADatabaseIsReported() throws {
        let path = try freshPath()
        try Data("not sqlite at all, not at all".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LabError.self) { try SQLiteRunStore(path: path) }
    }

    @Test func manyConnectionsClaimingAtOnceNeverShareARun() throws {
        let path = try freshPath()
        let plan = try LabFixtures.plan()
        _ = try plan.record(in: SQLiteRunStore(path: path))
        let stores = try (0 ..< 4).map { _ in try SQLiteRunStore(path: path, busyTimeout: 30) }
        let claims = ClaimLog()
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            let owner = Provenance(gitRevision: nil, host: ProcessInfo.processInfo.hostName,
                                   pid: ProcessInfo.processInfo.processIdentifier)
            for job in plan.jobs {
                do {
                    if case .claimed = try stores[index].claim(key: job.key, owner: owner, policy: ClaimPolicy()) {
                        claims.add(job.key)
                    }
                } catch {
                    claims.fail("\(error)")
                }
            }
        }
        #expect(claims.errors.isEmpty)
        #expect(claims.keys.sorted() == plan.jobs.map(\.key).sorted())
    }
}

/// Keys claimed and errors seen by concurrent claimers.
final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var keys: [String] = []
    private(set) var errors: [String] = []
    func add(_ key: String) { lock.withLock { keys.append(key) } }
    func fail(_ error: String) { lock.withLock { errors.append(error) } }
}
