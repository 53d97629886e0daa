/// A failed SQLite call, with the function, result code and SQLite's own message.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var function: String
    public var code: Int32
    public var message: String
    public var path: String

    public var description: String {
        "store \(path): \(function) failed (SQLite code \(code)): \(message)"
    }
}
