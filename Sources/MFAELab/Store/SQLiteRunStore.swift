import Foundation
import GRDB
import MFAECore

/// The lab database: one SQLite file (default `lab.sqlite`) in WAL mode with a busy timeout, so
/// several `mfae-lab run` processes can share it. Every write is one short IMMEDIATE transaction;
/// the schema is migrated on open (see ``LabSchema`` and `Docs/schema.md`).
///
/// Writers open it with ``init(path:busyTimeout:)`` and call ``close()`` when done, which folds the
/// write-ahead log back into the file: once a command has exited, the `.sqlite` file alone holds
/// everything. Readers open it with ``init(readingAt:)``, which never writes (see
/// `SQLiteRunStore+Reading.swift`), so read-only files, folders and mounts work.
///
/// WAL needs shared memory between processes: keep the file on a local disk, not a network file
/// system (shards each write their own file and are merged afterwards).
///
/// Every error thrown is a ``LabError/store(path:reason:)`` naming the file, in plain words
/// (``StoreFailure``), or a lab error such as ``LabError/runNotFound(_:)``.
public final class SQLiteRunStore: RunStore, @unchecked Sendable {
    /// The database file.
    public let path: String
    /// Whether this store may write.
    public let isReadOnly: Bool
    /// A pool (writers) or a read-only queue (readers).
    let database: any DatabaseWriter
    /// Set by ``close()``, which acts once.
    let closing = CloseOnce()

    /// Wraps an open database.
    init(path: String, database: any DatabaseWriter, isReadOnly: Bool) {
        self.path = path; self.database = database; self.isReadOnly = isReadOnly
    }

    /// Opens (creating if needed) and migrates the database at `path` for writing.
    /// - Parameter busyTimeout: seconds a write waits for another process's transaction.
    /// - Throws: ``LabError/store(path:reason:)`` if it cannot be opened, or was written by a newer schema.
    public convenience init(path: String, busyTimeout: TimeInterval = 60) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "lab"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try Self.openPool(path: path, configuration: configuration, patience: busyTimeout)
        self.init(path: path, database: pool, isReadOnly: false)
        do {
            try migrate()
        } catch {
            try? pool.close()
            throw error
        }
    }

    /// Opens the pool, retrying while another process holds the lock that switching a new file to
    /// WAL needs: SQLite answers `PRAGMA journal_mode = WAL` with SQLITE_BUSY at once, without
    /// calling the busy handler, when two processes create the same database together.
    private static func openPool(path: String, configuration: Configuration, patience: TimeInterval) throws -> DatabasePool {
        let deadline = Date(timeIntervalSinceNow: patience)
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                attempt += 1
                Thread.sleep(forTimeInterval: min(0.01 * Double(attempt), 0.2))
            } catch {
                if isReadOnlyPlace(path) {
                    throw LabError.store(path: path, reason: "the file or its folder is read-only, and this command "
                                         + "writes the database (runs, show, similar, export and report only read)")
                }
                throw LabError.store(path: path, reason: "cannot open the database: \(StoreFailure.reason(error))")
            }
        }
    }

    /// Whether `path` (or, for a new file, its folder) exists but cannot be written.
    private static func isReadOnlyPlace(_ path: String) -> Bool {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if files.fileExists(atPath: path) {
            return !files.isWritableFile(atPath: path) || !files.isWritableFile(atPath: folder)
        }
        return files.fileExists(atPath: folder) && !files.isWritableFile(atPath: folder)
    }

    /// Applies pending migrations. Two processes opening a new file at once may race to migrate: the
    /// loser's transaction fails and it retries, finding the schema in place.
    private func migrate() throws {
        let migrator = LabSchema.migrator
        try checkSchemaIsKnown()
        var lastError: Error?
        for attempt in 0 ..< 5 {
            do {
                try migrator.migrate(database)
                return
            } catch {
                lastError = error
                if (try? database.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt + 1))
            }
        }
        throw LabError.store(path: path, reason: "cannot migrate the database: "
                             + (lastError.map(StoreFailure.reason) ?? "unknown error"))
    }

    /// Refuses a file written by a newer schema, or that is not a database. While another process
    /// is creating the same file (a Slurm array's tasks starting together), reading its schema can
    /// fail for a moment: the check asks again for up to two seconds before it calls the file
    /// foreign.
    func checkSchemaIsKnown() throws {
        let migrator = LabSchema.migrator
        let deadline = Date(timeIntervalSinceNow: 2)
        var attempt = 0
        while true {
            do {
                if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                    let version = try database.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } ?? 0
                    throw LabError.store(path: path, reason: "written by a newer mfae-lab (schema version \(version); this one knows \(LabSchema.version))")
                }
                return
            } catch let error as LabError {
                throw error
            } catch {
                if StoreFailure.isCorruption(error) { throw LabError.store(path: path, reason: StoreFailure.reason(error)) }
                guard Date() < deadline else {
                    throw LabError.store(path: path, reason: "not a lab database (\(StoreFailure.reason(error)))")
                }
                attempt += 1
                Thread.sleep(forTimeInterval: min(0.01 * Double(attempt), 0.1))
            }
        }
    }

    /// The schema version of the file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try reading { try Int.fetchOne($0, sql: "PRAGMA user_version") } ?? 0
    }

    /// Runs `body` in a read transaction; failures become lab errors naming the file.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch { throw StoreFailure.error(error, path: path) }
    }

    /// Runs `body` in a write transaction; failures become lab errors naming the file.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch { throw StoreFailure.error(error, path: path) }
    }

    // MARK: Writing

    public func recordExperiment(name: String, description: String, spec: String, specHash: String) throws -> ExperimentRecord {
        try writing { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO experiments (name, description, spec, spec_hash, created) VALUES (?, ?, ?, ?, ?)
                """, arguments: [name, description, spec, specHash, StoredValues.timestamp(Date())])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM experiments WHERE name = ? AND spec_hash = ?",
                                             arguments: [name, specHash])
            else { throw LabError.store(path: path, reason: "experiment \(name) vanished") }
            return Self.experiment(row)
        }
    }

    public func recordDataset(_ dataset: DatasetRecord) throws {
        try writing { db in try Self.insert(dataset, into: db) }
    }

    private static func insert(_ dataset: DatasetRecord, into db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO datasets (fingerprint, name, source, users, items, ratings, item_ids, item_titles)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [dataset.fingerprint, dataset.name, dataset.source, dataset.userCount, dataset.itemCount,
                             dataset.ratingCount, try StoredValues.json(dataset.itemIDs),
                             try StoredValues.json(dataset.itemTitles)])
    }

    public func recordPlan(experimentID: Int64, runs: [PlannedRunRow]) throws {
        try writing { db in
            for row in runs {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO runs (key, experiment_id, label, configuration, model, protocol, seed,
                                                dataset_fingerprint, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                    """, arguments: [row.key, experimentID, row.label, try StoredValues.json(row.configuration),
                                     row.configuration.model.rawValue, row.configuration.evaluationProtocol.rawValue,
                                     Int64(bitPattern: row.configuration.seed), row.datasetFingerprint])
                try db.execute(sql: """
                    INSERT OR IGNORE INTO experiment_runs (experiment_id, run_id, grid)
                    SELECT ?, id, ? FROM runs WHERE key = ?
                    """, arguments: [experimentID, row.group, row.key])
            }
        }
    }

    private static func state(_ row: Row) -> StoredRunState {
        StoredRunState(id: row["id"], status: RunStatus(rawValue: row["status"]) ?? .pending,
                       owner: provenance(row), heartbeat: (row["heartbeat"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    public func dispositions(keys: [String], policy: ClaimPolicy) throws -> [String: RunDisposition] {
        let rows = try reading { db in
            try Row.fetchAll(db, sql: "SELECT id, key, status, tool_version, git_revision, host, pid, owner, heartbeat FROM runs")
        }
        let now = Date()
        var byKey: [String: RunDisposition] = [:]
        for row in rows { byKey[row["key"]] = Self.state(row).disposition(policy: policy, now: now) }
        return keys.reduce(into: [:]) { $0[$1] = byKey[$1] ?? .new }
    }

    public func claim(key: String, owner: Provenance, policy: ClaimPolicy) throws -> ClaimOutcome {
        try writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE key = ?", arguments: [key]) else {
                throw LabError.runNotFound(key)
            }
            let state = Self.state(row)
            let now = Date()
            let disposition = state.disposition(policy: policy, now: now)
            guard disposition.willRun else { return .skipped(runID: state.id, disposition) }
            try db.execute(sql: """
                UPDATE runs SET status = 'running', error = NULL, started = ?, ended = NULL, wall_seconds = NULL,
                    tool_version = ?, git_revision = ?, host = ?, pid = ?, owner = ?, heartbeat = ?,
                    attempts = attempts + 1
                WHERE id = ?
                """, arguments: [StoredValues.timestamp(now), owner.toolVersion, owner.gitRevision, owner.host,
                                 owner.pid, owner.token, now.timeIntervalSince1970, state.id])
            try Self.clearResults(of: state.id, in: db)
            let attempts = try Int.fetchOne(db, sql: "SELECT attempts FROM runs WHERE id = ?", arguments: [state.id]) ?? 1
            return .claimed(runID: state.id, attempt: attempts)
        }
    }

    private static func clearResults(of runID: Int64, in db: Database) throws {
        for table in ["scalars", "metrics", "item_parameters"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [runID])
        }
    }

    private static func isOwned(_ runID: Int64, by owner: Provenance, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM runs WHERE id = ? AND status = 'running' AND owner = ?",
                          arguments: [runID, owner.token]) ?? false
    }

    private static func insertScalars(_ records: [ScalarRecord], runID: Int64, replacing: Bool, in db: Database) throws {
        let verb = replacing ? "INSERT OR REPLACE" : "INSERT OR IGNORE"
        let statement = try db.cachedStatement(sql: "\(verb) INTO scalars (run_id, step, name, value, wall_time) VALUES (?, ?, ?, ?, ?)")
        for record in records {
            try statement.execute(arguments: [runID, record.step, record.name, record.value.isNaN ? nil : record.value,
                                              record.wallTime.timeIntervalSince1970])
        }
    }

    public func recordEpoch(runID: Int64, owner: Provenance, epoch: EpochRecord) throws {
        try writing { db in
            guard try Self.isOwned(runID, by: owner, in: db) else { return }
            let now = Date()
            try Self.insertScalars(ScalarRecord.records(of: epoch, at: now), runID: runID, replacing: true, in: db)
            try db.execute(sql: "UPDATE runs SET heartbeat = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, runID])
        }
    }

    public func finish(runID: Int64, owner: Provenance, result: TrainingResult, wallSeconds: Double) throws -> Bool {
        try writing { db in
            guard try Self.isOwned(runID, by: owner, in: db) else { return false }
            let now = Date()
            let scalars = result.epochs.flatMap { ScalarRecord.records(of: $0, at: now) }
            try Self.insertScalars(scalars, runID: runID, replacing: false, in: db)
            try Self.insertMetrics(result.storedMetrics, runID: runID, in: db)
            if let items = result.items { try Self.insertItems(items, runID: runID, in: db) }
            try db.execute(sql: "UPDATE runs SET status = 'done', ended = ?, wall_seconds = ? WHERE id = ?",
                           arguments: [StoredValues.timestamp(now), wallSeconds, runID])
            return true
        }
    }

    private static func insertMetrics(_ metrics: [String: Double], runID: Int64, in db: Database) throws {
        for (name, value) in metrics.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT OR REPLACE INTO metrics (run_id, name, value) VALUES (?, ?, ?)",
                           arguments: [runID, name, value.isNaN ? nil : value])
        }
    }

    private static func insertItems(_ items: ItemParameters, runID: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO item_parameters (run_id, k, item_count, biases, vectors) VALUES (?, ?, ?, ?, ?)
            """, arguments: [runID, items.k, items.biases.count, StoredValues.blob(items.biases),
                             StoredValues.blob(items.vectors)])
    }

    public func end(runID: Int64, owner: Provenance, status: RunStatus, error: String, wallSeconds: Double) throws -> Bool {
        try writing { db in
            guard try Self.isOwned(runID, by: owner, in: db) else { return false }
            try db.execute(sql: "UPDATE runs SET status = ?, error = ?, ended = ?, wall_seconds = ? WHERE id = ?",
                           arguments: [status.rawValue, error, StoredValues.timestamp(Date()), wallSeconds, runID])
            return true
        }
    }

    public func heartbeat(owner: Provenance) throws {
        try writing { db in
            try db.execute(sql: "UPDATE runs SET heartbeat = ? WHERE status = 'running' AND owner = ?",
                           arguments: [Date().timeIntervalSince1970, owner.token])
        }
    }

    // MARK: Reading

    private static func experiment(_ row: Row) -> ExperimentRecord {
        ExperimentRecord(id: row["id"], name: row["name"], description: row["description"], spec: row["spec"],
                         specHash: row["spec_hash"], created: StoredValues.date(row["created"]) ?? Date(timeIntervalSince1970: 0))
    }

    private static func provenance(_ row: Row) -> Provenance? {
        guard let host: String = row["host"], let token: String = row["owner"] else { return nil }
        return Provenance(toolVersion: row["tool_version"] ?? "?", gitRevision: row["git_revision"], host: host,
                          pid: row["pid"] ?? 0, token: token)
    }

    private func run(_ row: Row, metrics: [String: Double]) throws -> RunRecord {
        let configuration = try StoredValues.decode(TrainingConfiguration.self, json: row["configuration"])
        return RunRecord(
            id: row["id"], key: row["key"], experiment: row["experiment_name"], label: row["label"],
            configuration: configuration, datasetFingerprint: row["dataset_fingerprint"],
            status: RunStatus(rawValue: row["status"]) ?? .pending, error: row["error"],
            started: StoredValues.date(row["started"]), ended: StoredValues.date(row["ended"]),
            wallSeconds: row["wall_seconds"], provenance: Self.provenance(row), attempts: row["attempts"],
            metrics: metrics)
    }

    private static let runSelect = """
        SELECT runs.*, experiments.name AS experiment_name FROM runs
        LEFT JOIN experiments ON experiments.id = runs.experiment_id
        """

    public func experiments() throws -> [ExperimentRecord] {
        try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM experiments ORDER BY id").map(Self.experiment) }
    }

    public func runs(_ filter: RunFilter) throws -> [RunRecord] {
        try reading { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let experiment = filter.experiment {
                conditions.append("""
                    runs.id IN (SELECT run_id FROM experiment_runs JOIN experiments e ON e.id = experiment_runs.experiment_id
                                WHERE e.name = ?)
                    """)
                arguments += [experiment]
            }
            if let status = filter.status {
                conditions.append("runs.status = ?")
                arguments += [status.rawValue]
            }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: Self.runSelect + whereClause + " ORDER BY runs.id", arguments: arguments)
            var metricsByRun: [Int64: [String: Double]] = [:]
            if filter.includeMetrics {
                for row in try Row.fetchAll(db, sql: "SELECT run_id, name, value FROM metrics WHERE value IS NOT NULL") {
                    metricsByRun[row["run_id"], default: [:]][row["name"]] = row["value"]
                }
            }
            return try rows.map { try run($0, metrics: metricsByRun[$0["id"]] ?? [:]) }
        }
    }

    public func run(id: Int64) throws -> RunRecord? {
        guard let row = try reading({ try Row.fetchOne($0, sql: Self.runSelect + " WHERE runs.id = ?", arguments: [id]) })
        else { return nil }
        return try run(row, metrics: try metrics(runID: id))
    }

    public func runs(keyPrefix: String) throws -> [RunRecord] {
        let rows = try reading { db in
            try Row.fetchAll(db, sql: Self.runSelect + " WHERE runs.key LIKE ? ESCAPE '\\' ORDER BY runs.id",
                             arguments: [Self.escapedLike(keyPrefix) + "%"])
        }
        return try rows.map { try run($0, metrics: try metrics(runID: $0["id"])) }
    }

    private static func escapedLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    public func scalars(runID: Int64) throws -> [ScalarRecord] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scalars WHERE run_id = ? ORDER BY step, name", arguments: [runID])
                .map { ScalarRecord(step: $0["step"], name: $0["name"], value: $0["value"] ?? .nan,
                                    wallTime: Date(timeIntervalSince1970: $0["wall_time"])) }
        }
    }

    public func metrics(runID: Int64) throws -> [String: Double] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT name, value FROM metrics WHERE run_id = ? AND value IS NOT NULL",
                             arguments: [runID])
                .reduce(into: [:]) { $0[$1["name"]] = $1["value"] }
        }
    }

    public func itemParameters(runID: Int64) throws -> ItemParameters? {
        try reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM item_parameters WHERE run_id = ?", arguments: [runID])
            else { return nil }
            let biases = StoredValues.floats(row["biases"]), vectors = StoredValues.floats(row["vectors"])
            let k: Int = row["k"]
            guard vectors.count == biases.count * k else {
                throw LabError.store(path: path, reason: "item parameters of run \(runID) have the wrong size")
            }
            return ItemParameters(k: k, biases: biases, vectors: vectors)
        }
    }

    private static func dataset(_ row: Row) throws -> DatasetRecord {
        DatasetRecord(fingerprint: row["fingerprint"], name: row["name"], source: row["source"], userCount: row["users"],
                      itemCount: row["items"], ratingCount: row["ratings"],
                      itemIDs: try StoredValues.decode([String].self, json: row["item_ids"]),
                      itemTitles: try StoredValues.decode([String].self, json: row["item_titles"]))
    }

    public func dataset(fingerprint: String) throws -> DatasetRecord? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM datasets WHERE fingerprint = ?", arguments: [fingerprint]).map(Self.dataset)
        }
    }

    public func datasets() throws -> [DatasetRecord] {
        try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM datasets ORDER BY fingerprint").map(Self.dataset) }
    }

    public func memberships(experimentID: Int64?) throws -> [ExperimentMembership] {
        try reading { db in
            let rows = try experimentID.map {
                try Row.fetchAll(db, sql: "SELECT * FROM experiment_runs WHERE experiment_id = ? ORDER BY run_id", arguments: [$0])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM experiment_runs ORDER BY experiment_id, run_id")
            return rows.map { ExperimentMembership(experimentID: $0["experiment_id"], runID: $0["run_id"], group: $0["grid"]) }
        }
    }

    // MARK: Merging

    public func apply(_ snapshot: StoreSnapshot, conflictTolerance: Double) throws -> MergeSummary {
        try writing { db in
            var summary = MergeSummary()
            var actions: [(RunArchive, MergeAction, Int64?)] = []
            var conflicts: [String] = []
            for archive in snapshot.runs {
                let existingRow = try Row.fetchOne(db, sql: Self.runSelect + " WHERE runs.key = ?", arguments: [archive.run.key])
                let existingID: Int64? = existingRow?["id"]
                let metrics = try existingID.map { id in
                    try Row.fetchAll(db, sql: "SELECT name, value FROM metrics WHERE run_id = ? AND value IS NOT NULL",
                                     arguments: [id]).reduce(into: [String: Double]()) { $0[$1["name"]] = $1["value"] }
                } ?? [:]
                let existing = try existingRow.map { try run($0, metrics: metrics) }
                let action = MergeAction.resolve(existing: existing, incoming: archive.run, tolerance: conflictTolerance)
                if action == .conflict { conflicts.append(archive.run.key) }
                actions.append((archive, action, existingID))
            }
            guard conflicts.isEmpty else { throw LabError.mergeConflict(keys: conflicts) }

            for experiment in snapshot.experiments {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO experiments (name, description, spec, spec_hash, created) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [experiment.name, experiment.description, experiment.spec, experiment.specHash,
                                     StoredValues.timestamp(experiment.created)])
                summary.experimentsAdded += db.changesCount
            }
            for dataset in snapshot.datasets { try Self.insert(dataset, into: db) }
            for (archive, action, existingID) in actions {
                switch action {
                case .insert, .replace:
                    try write(archive, replacing: existingID, in: db)
                    if action == .insert { summary.added += 1 } else { summary.replaced += 1 }
                case .keep, .conflict:
                    summary.unchanged += 1
                }
            }
            for link in snapshot.memberships {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO experiment_runs (experiment_id, run_id, grid)
                    SELECT e.id, r.id, ? FROM experiments e, runs r WHERE e.name = ? AND e.spec_hash = ? AND r.key = ?
                    """, arguments: [link.group, link.experimentName, link.specHash, link.runKey])
            }
            return summary
        }
    }

    /// Writes a run from another store, replacing the row `existingID` if given.
    private func write(_ archive: RunArchive, replacing existingID: Int64?, in db: Database) throws {
        let run = archive.run
        let experimentID = try run.experiment.flatMap {
            try Int64.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ? ORDER BY id DESC LIMIT 1", arguments: [$0])
        }
        let values: [DatabaseValueConvertible?] = [
            run.key, experimentID, run.label, try StoredValues.json(run.configuration), run.configuration.model.rawValue,
            run.configuration.evaluationProtocol.rawValue, Int64(bitPattern: run.configuration.seed), run.datasetFingerprint,
            run.status.rawValue, run.error, run.started.map(StoredValues.timestamp), run.ended.map(StoredValues.timestamp),
            run.wallSeconds, run.provenance?.toolVersion, run.provenance?.gitRevision, run.provenance?.host,
            run.provenance?.pid, run.provenance?.token, run.attempts,
        ]
        let runID: Int64
        if let existingID {
            try db.execute(sql: """
                UPDATE runs SET key = ?, experiment_id = ?, label = ?, configuration = ?, model = ?, protocol = ?, seed = ?,
                    dataset_fingerprint = ?, status = ?, error = ?, started = ?, ended = ?, wall_seconds = ?,
                    tool_version = ?, git_revision = ?, host = ?, pid = ?, owner = ?, attempts = ?, heartbeat = NULL
                WHERE id = ?
                """, arguments: StatementArguments(values + [existingID]))
            try Self.clearResults(of: existingID, in: db)
            runID = existingID
        } else {
            try db.execute(sql: """
                INSERT INTO runs (key, experiment_id, label, configuration, model, protocol, seed, dataset_fingerprint,
                    status, error, started, ended, wall_seconds, tool_version, git_revision, host, pid, owner, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
            runID = db.lastInsertedRowID
        }
        try Self.insertScalars(archive.scalars, runID: runID, replacing: true, in: db)
        try Self.insertMetrics(run.metrics, runID: runID, in: db)
        if let items = archive.items { try Self.insertItems(items, runID: runID, in: db) }
    }
}

/// A flag that is set once, by whichever thread gets there first.
final class CloseOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    /// Sets the flag; true only for the first call.
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isSet { return false }
        isSet = true
        return true
    }
}
