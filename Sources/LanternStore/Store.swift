import Foundation
import LanternDarknet

/// Lantern's durable state in one SQLite file: captures read, window summaries, labels,
/// model versions, alerts, and mail messages with their labels.
///
/// The file runs in WAL mode with `synchronous=FULL`, so a committed label survives a crash
/// or power loss, and a reader (the UI) never blocks the writer. Labels refer to windows by
/// source host and window start, not by row id, so they survive a re-ingest of their capture.
public final class Store {
    public let database: SQLiteDatabase
    public var path: String { database.path }

    /// Default store file in the current folder.
    public static let defaultPath = "lantern.db"

    /// 2 stores windows in segments; version 1 stores are converted when opened. 3 adds the
    /// smaller segment format 2 and reads format 1 segments as before, so a version 2 store only
    /// has its number raised. An older binary then rejects the store instead of misreading it.
    static let schemaVersion = 3

    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        // Checked before any pragma: setting WAL mode already rewrites the file's header.
        let isNew = try requireLanternFile()
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        try migrate(isNew: isNew)
    }

    /// Returns whether the file has no tables yet, and throws `notAStore` when its tables belong
    /// to another program. A mistyped `--db` then never adds Lantern's tables to someone's data.
    private func requireLanternFile() throws -> Bool {
        let tables = try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows { $0.text(0) }
        guard !tables.isEmpty else { return true }
        let marked = try tables.contains("meta")
            && !database.prepare("SELECT 1 FROM meta WHERE key = 'schema'").rows { $0.int(0) }.isEmpty
        guard marked else { throw StoreError.notAStore(path: path, tables: tables) }
        return false
    }

    /// Creates the tables of a new store in one transaction, so that a store interrupted while
    /// being created has no tables rather than tables without the schema mark.
    private func migrate(isNew: Bool) throws {
        if isNew {
            do {
                try database.execute("BEGIN IMMEDIATE;" + Store.schema
                    + "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '\(Store.schemaVersion)'); COMMIT;")
            } catch {
                try? database.execute("ROLLBACK;")
                throw error
            }
            return
        }
        try database.execute(Store.schema)
        var version = try database.prepare("SELECT value FROM meta WHERE key = 'schema'").rows { $0.text(0) }.first
        if version == "1" {
            try convertWindowRowsToSegments()
            version = String(Store.schemaVersion)
        }
        if version == "2" {
            try database.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run([.text(String(Store.schemaVersion))])
            version = String(Store.schemaVersion)
        }
        if let version, Int(version) != Store.schemaVersion {
            throw StoreError.incompatibleSchema(path: path, found: version, expected: Store.schemaVersion)
        }
        try database.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)").run([.text(String(Store.schemaVersion))])
    }

    static let schema = """
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS captures(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        identity TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        status TEXT NOT NULL,
        records INTEGER NOT NULL DEFAULT 0,
        ip_packets INTEGER NOT NULL DEFAULT 0,
        not_ip INTEGER NOT NULL DEFAULT 0,
        undecodable INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        ingested_at REAL NOT NULL,
        -- Hash of the first CaptureIdentity.prefixLength bytes, to recognise shorter copies.
        prefix_hash TEXT
    );
    -- Windows are stored a few thousand to a row (see WindowSegmentWriter); window ids run from
    -- first_window to first_window + count - 1 and are never reused.
    CREATE TABLE IF NOT EXISTS window_segments(
        id INTEGER PRIMARY KEY,
        capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
        first_window INTEGER NOT NULL UNIQUE,
        count INTEGER NOT NULL,
        packets INTEGER NOT NULL,
        mech_backscatter INTEGER NOT NULL,
        mech_not INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS window_segments_by_capture ON window_segments(capture_id);
    -- One score per window of the segment, little-endian doubles, NaN for none.
    CREATE TABLE IF NOT EXISTS window_scores(
        segment_id INTEGER PRIMARY KEY REFERENCES window_segments(id) ON DELETE CASCADE,
        model_version INTEGER NOT NULL,
        scores BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS labels(
        id INTEGER PRIMARY KEY,
        src TEXT NOT NULL,
        window_start REAL NOT NULL,
        label TEXT NOT NULL,
        analyst TEXT NOT NULL,
        labelled_at REAL NOT NULL,
        shown_score REAL,
        shown_reason TEXT,
        model_version INTEGER NOT NULL,
        undone_at REAL
    );
    CREATE INDEX IF NOT EXISTS labels_by_window ON labels(src, window_start);
    CREATE TABLE IF NOT EXISTS models(
        version INTEGER PRIMARY KEY,
        created_at REAL NOT NULL,
        active INTEGER NOT NULL,
        description TEXT NOT NULL,
        trained_on TEXT NOT NULL,
        state BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS alerts(
        id INTEGER PRIMARY KEY,
        victim TEXT NOT NULL,
        transport TEXT NOT NULL,
        service_port INTEGER NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL,
        packets INTEGER NOT NULL,
        windows INTEGER NOT NULL,
        score REAL NOT NULL,
        attack_rate REAL NOT NULL,
        model_version INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS subnet_days(
        capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
        subnet TEXT NOT NULL,
        day INTEGER NOT NULL,
        windows INTEGER NOT NULL,
        packets INTEGER NOT NULL,
        hosts INTEGER NOT NULL,
        cells BLOB NOT NULL,
        signatures TEXT NOT NULL,
        ports TEXT NOT NULL,
        PRIMARY KEY(capture_id, subnet, day)
    );
    CREATE INDEX IF NOT EXISTS subnet_days_by_day ON subnet_days(day, subnet);
    CREATE TABLE IF NOT EXISTS subnet_prototype_sets(
        version INTEGER PRIMARY KEY,
        created_at REAL NOT NULL,
        linkage TEXT NOT NULL,
        first_day INTEGER NOT NULL,
        last_day INTEGER NOT NULL,
        training_points INTEGER NOT NULL,
        settings TEXT NOT NULL,
        tree BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS subnet_prototypes(
        version INTEGER NOT NULL REFERENCES subnet_prototype_sets(version) ON DELETE CASCADE,
        prototype INTEGER NOT NULL,
        centroid BLOB NOT NULL,
        members INTEGER NOT NULL,
        description TEXT NOT NULL,
        PRIMARY KEY(version, prototype)
    );
    CREATE TABLE IF NOT EXISTS subnet_sequences(
        version INTEGER NOT NULL REFERENCES subnet_prototype_sets(version) ON DELETE CASCADE,
        subnet TEXT NOT NULL,
        first_day INTEGER NOT NULL,
        prototypes BLOB NOT NULL,
        windows INTEGER NOT NULL,
        PRIMARY KEY(version, subnet)
    );
    CREATE TABLE IF NOT EXISTS subnet_flags(
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL REFERENCES subnet_prototype_sets(version) ON DELETE CASCADE,
        subnet TEXT NOT NULL,
        day INTEGER NOT NULL,
        from_prototype INTEGER,
        to_prototype INTEGER NOT NULL,
        rarity REAL NOT NULL,
        reason TEXT NOT NULL,
        UNIQUE(version, subnet, day)
    );
    CREATE TABLE IF NOT EXISTS mail_messages(
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        date REAL,
        sender_address TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        urls TEXT NOT NULL,
        domains TEXT NOT NULL,
        attachments TEXT NOT NULL,
        terms TEXT NOT NULL,
        notes TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_index INTEGER NOT NULL,
        maildir_flags TEXT,
        folder_label TEXT,
        verdict TEXT,
        confidence REAL,
        unknown INTEGER,
        model_version INTEGER,
        ingested_at REAL NOT NULL,
        UNIQUE(message_id, content_hash)
    );
    CREATE INDEX IF NOT EXISTS mail_messages_by_date ON mail_messages(date);
    -- The unique index leads with message_id, so the re-ingest check by hash needs its own.
    CREATE INDEX IF NOT EXISTS mail_messages_by_hash ON mail_messages(content_hash);
    CREATE TABLE IF NOT EXISTS mail_labels(
        id INTEGER PRIMARY KEY,
        mail_id INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
        label TEXT NOT NULL CHECK (label IN ('malicious', 'benign')),
        source TEXT NOT NULL CHECK (source IN ('analyst', 'reputation-list', 'command')),
        labeller TEXT NOT NULL,
        labelled_at REAL NOT NULL,
        shown_verdict TEXT,
        shown_confidence REAL,
        shown_unknown INTEGER,
        model_version INTEGER NOT NULL,
        undone_at REAL
    );
    CREATE INDEX IF NOT EXISTS mail_labels_by_mail ON mail_labels(mail_id);
    CREATE TABLE IF NOT EXISTS mail_models(
        version INTEGER PRIMARY KEY,
        created_at REAL NOT NULL,
        active INTEGER NOT NULL,
        description TEXT NOT NULL,
        trained_on TEXT NOT NULL,
        state BLOB NOT NULL
    );
    """
}

extension Store {
    /// A small named value kept beside the data, such as the queue size of the last scoring.
    public func setMeta(_ key: String, _ value: String) throws {
        try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }

    /// Returns whether nothing but settings was written: no capture, mail message or label.
    public func containsNoData() throws -> Bool {
        let sql = "SELECT (SELECT COUNT(*) FROM captures) + (SELECT COUNT(*) FROM mail_messages) + (SELECT COUNT(*) FROM labels)"
        return try database.prepare(sql).rows { $0.int(0) }.first == 0
    }

    public func meta(_ key: String) throws -> String? {
        try database.prepare("SELECT value FROM meta WHERE key = ?").rows([.text(key)]) { $0.text(0) }.first
    }
}
