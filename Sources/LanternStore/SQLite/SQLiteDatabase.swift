import CSQLite
import Glibc

/// One SQLite connection, opened once and closed exactly once.
///
/// Every call goes through `check`, which reads `sqlite3_errmsg` straight after the failing
/// call and throws it with the function name. No SQLite pointer leaves this file and
/// `SQLiteStatement`.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    public let path: String

    /// Opens (creating if needed) the database at `path` with owner-only permissions (0600):
    /// a store holds what analysts labelled and what the sensors saw.
    public init(path: String) throws {
        self.path = path
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw SQLiteError(function: "sqlite3_open_v2", code: code, message: message, path: path)
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        if let handle {
            let code = sqlite3_close_v2(handle)
            assert(code == SQLITE_OK, "statements left open on the store")
        }
    }

    var pointer: OpaquePointer {
        // Set in init and cleared only in deinit, so it is present for the object's lifetime.
        handle.unsafelyUnwrapped
    }

    func check(_ code: Int32, _ function: String) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw SQLiteError(function: function, code: code, message: String(cString: sqlite3_errmsg(pointer)), path: path)
        }
    }

    /// Runs one or more statements that take no parameters and return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(pointer, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(pointer))
            sqlite3_free(errorMessage)
            throw SQLiteError(function: "sqlite3_exec", code: code, message: message, path: path)
        }
    }

    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(pointer) }
    public var changes: Int { Int(sqlite3_changes(pointer)) }
}
