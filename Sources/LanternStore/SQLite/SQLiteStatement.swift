import CSQLite
import Foundation

/// A prepared statement, finalised exactly once when released.
public final class SQLiteStatement {
    let database: SQLiteDatabase
    private(set) var handle: OpaquePointer?

    init(database: SQLiteDatabase, sql: String) throws {
        self.database = database
        var statement: OpaquePointer?
        try database.check(sqlite3_prepare_v2(database.pointer, sql, -1, &statement, nil), "sqlite3_prepare_v2")
        handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLITE_TRANSIENT tells SQLite to copy bound text and blobs; the macro is a cast Swift cannot import.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// A value to bind to a `?` parameter.
    public enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// Binds `values` to the parameters in order, after resetting the statement.
    @discardableResult
    public func bind(_ values: [Value]) throws -> SQLiteStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, SQLiteStatement.transient)
            case .blob(let v):
                code = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), SQLiteStatement.transient) }
            }
            try database.check(code, "sqlite3_bind")
        }
        return self
    }

    /// Steps once; returns true while a row is available.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        try database.check(code, "sqlite3_step")
        return code == SQLITE_ROW
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [Value] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Runs a query and maps each row.
    public func rows<T>(_ values: [Value] = [], _ transform: (SQLiteStatement) throws -> T) throws -> [T] {
        try bind(values)
        var result = [T]()
        while try step() { result.append(try transform(self)) }
        return result
    }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Lends a blob column's bytes without copying them; they are valid only inside `body`.
    public func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? sqlite3_column_blob(handle, column) : nil, count: count))
    }

    /// Reads a blob of little-endian doubles, as the store writes feature vectors.
    public func doubles(_ column: Int32) -> [Double] {
        let count = Int(sqlite3_column_bytes(handle, column)) / 8
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { memcpy(base, pointer, count * 8) }
            initialized = count
        }
    }
}

extension SQLiteStatement.Value {
    /// Encodes doubles as a little-endian blob.
    public static func doubles(_ values: [Double]) -> SQLiteStatement.Value {
        // One copy of the array's bytes: every platform Swift runs on here is little-endian, which
        // the precondition checks, so the in-memory layout is already the stored layout.
        precondition(1.0.bitPattern.littleEndian == 1.0.bitPattern, "the store format assumes a little-endian host")
        return .blob(values.withUnsafeBytes { Array($0) })
    }

    public static func optional(_ value: Int?) -> SQLiteStatement.Value { value.map { .integer(Int64($0)) } ?? .null }
}
