import CSQLite

/// Binding one parameter at a time, for bulk inserts that would otherwise build an array of
/// `Value` and a byte array per blob for every row.
extension SQLiteStatement {
    /// Resets the statement and clears its bindings, ready for the next row.
    public func resetBindings() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds an integer to the parameter at `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try database.check(sqlite3_bind_int64(handle, index, value), "sqlite3_bind_int64")
    }

    /// Binds a real number to the parameter at `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws {
        try database.check(sqlite3_bind_double(handle, index, value), "sqlite3_bind_double")
    }

    /// Binds text, copied by SQLite, to the parameter at `index` (1-based); `nil` binds NULL.
    public func bind(_ value: String?, at index: Int32) throws {
        guard let value else {
            try database.check(sqlite3_bind_null(handle, index), "sqlite3_bind_null")
            return
        }
        try database.check(sqlite3_bind_text(handle, index, value, -1, SQLiteStatement.transient), "sqlite3_bind_text")
    }

    /// Binds `count` values as a blob of little-endian doubles, the layout `doubles(_:)` reads,
    /// converting them in a stack buffer that SQLite copies.
    public func bindDoubles(count: Int, at index: Int32, _ value: (Int) -> Double) throws {
        precondition(1.0.bitPattern.littleEndian == 1.0.bitPattern, "the store format assumes a little-endian host")
        let code = withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { buffer in
            for i in 0..<count { buffer.initializeElement(at: i, to: value(i)) }
            return sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(count * 8), SQLiteStatement.transient)
        }
        try database.check(code, "sqlite3_bind_blob")
    }

    /// Steps a bound statement that returns no rows to its end.
    public func runBound() throws {
        while try step() {}
    }
}
