import GRDB
import MFAECore

/// The SQLite schema of the lab database, as versioned migrations. The schema version is
/// `PRAGMA user_version` (and GRDB's `grdb_migrations` table); `Docs/schema.md` documents it.
///
/// Never edit a migration that has shipped: add a new one, bump ``version``, and keep a database of
/// the old version as a test fixture (`Tests/MFAELabTests/Fixtures`).
enum LabSchema {
    /// The schema version this code writes.
    static let version = 3

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE experiments (
                    id          INTEGER PRIMARY KEY,
                    name        TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    spec        TEXT NOT NULL,
                    spec_hash   TEXT NOT NULL,
                    created     TEXT NOT NULL,
                    UNIQUE (name, spec_hash)
                );
                CREATE TABLE datasets (
                    fingerprint TEXT PRIMARY KEY,
                    name        TEXT NOT NULL,
                    source      TEXT NOT NULL,
                    users       INTEGER NOT NULL,
                    items       INTEGER NOT NULL,
                    ratings     INTEGER NOT NULL,
                    item_ids    TEXT NOT NULL,
                    item_titles TEXT NOT NULL
                );
                CREATE TABLE runs (
                    id                  INTEGER PRIMARY KEY,
                    key                 TEXT NOT NULL UNIQUE,
                    experiment_id       INTEGER REFERENCES experiments(id),
                    label               TEXT NOT NULL,
                    configuration       TEXT NOT NULL,
                    model               TEXT NOT NULL,
                    protocol            TEXT NOT NULL,
                    seed                INTEGER NOT NULL,
                    dataset_fingerprint TEXT NOT NULL,
                    status              TEXT NOT NULL CHECK (status IN
                        ('pending', 'running', 'done', 'failed', 'diverged', 'interrupted')),
                    error               TEXT,
                    started             TEXT,
                    ended               TEXT,
                    wall_seconds        REAL,
                    tool_version        TEXT,
                    git_revision        TEXT,
                    host                TEXT,
                    pid                 INTEGER,
                    owner               TEXT,
                    heartbeat           REAL,
                    attempts            INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX runs_status ON runs(status);
                CREATE TABLE experiment_runs (
                    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
                    run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    grid          TEXT NOT NULL,
                    PRIMARY KEY (experiment_id, run_id)
                ) WITHOUT ROWID;
                CREATE INDEX experiment_runs_run ON experiment_runs(run_id);
                CREATE TABLE scalars (
                    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    step      INTEGER NOT NULL,
                    name      TEXT NOT NULL,
                    value     REAL,
                    wall_time REAL NOT NULL,
                    PRIMARY KEY (run_id, step, name)
                ) WITHOUT ROWID;
                CREATE TABLE metrics (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    name   TEXT NOT NULL,
                    value  REAL,
                    PRIMARY KEY (run_id, name)
                ) WITHOUT ROWID;
                CREATE TABLE item_parameters (
                    run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
                    k          INTEGER NOT NULL,
                    item_count INTEGER NOT NULL,
                    biases     BLOB NOT NULL,
                    vectors    BLOB NOT NULL
                );
                PRAGMA user_version = 1;
                """)
        }
        migrator.registerMigration("v2") { db in
            try rekeyRuns(db)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // v3: search trials can be `pruned`. SQLite cannot change a CHECK constraint, so the runs
        // table is rebuilt (same columns, same rows, same ids).
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE runs_v3 (
                    id                  INTEGER PRIMARY KEY,
                    key                 TEXT NOT NULL UNIQUE,
                    experiment_id       INTEGER REFERENCES experiments(id),
                    label               TEXT NOT NULL,
                    configuration       TEXT NOT NULL,
                    model               TEXT NOT NULL,
                    protocol            TEXT NOT NULL,
                    seed                INTEGER NOT NULL,
                    dataset_fingerprint TEXT NOT NULL,
                    status              TEXT NOT NULL CHECK (status IN
                        ('pending', 'running', 'done', 'failed', 'diverged', 'interrupted', 'pruned')),
                    error               TEXT,
                    started             TEXT,
                    ended               TEXT,
                    wall_seconds        REAL,
                    tool_version        TEXT,
                    git_revision        TEXT,
                    host                TEXT,
                    pid                 INTEGER,
                    owner               TEXT,
                    heartbeat           REAL,
                    attempts            INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO runs_v3 SELECT * FROM runs;
                DROP TABLE runs;
                ALTER TABLE runs_v3 RENAME TO runs;
                CREATE INDEX runs_status ON runs(status);
                PRAGMA user_version = 3;
                """)
        }
        return migrator
    }

    /// Version 2 changed how run keys are computed (``RunKey``: a versioned canonical text instead of
    /// `JSONEncoder` output). Each stored run gets the key its stored configuration and data
    /// fingerprint have now, so its results are found again instead of being re-run. A row whose
    /// configuration does not decode, or whose new key another row already has, keeps its old key.
    static func rekeyRuns(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, key, configuration, dataset_fingerprint FROM runs ORDER BY id")
        var taken = Set(rows.map { $0["key"] as String })
        for row in rows {
            let id: Int64 = row["id"]
            let old: String = row["key"]
            guard let configuration = try? StoredValues.decode(TrainingConfiguration.self, json: row["configuration"]) else { continue }
            let key = RunKey.make(configuration: configuration, datasetFingerprint: row["dataset_fingerprint"])
            guard key != old, !taken.contains(key) else { continue }
            try db.execute(sql: "UPDATE runs SET key = ? WHERE id = ?", arguments: [key, id])
            taken.remove(old)
            taken.insert(key)
        }
    }
}
