/// Failures of the store that a user can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file was written by another version of Lantern.
    case incompatibleSchema(path: String, found: String, expected: Int)
    /// The file is an SQLite database of another program; `tables` are its table names.
    case notAStore(path: String, tables: [String])
    /// A saved model could not be decoded.
    case corruptModel(path: String, version: Int, reason: String)
    /// A mail label or its source is not one of the accepted values.
    case invalidMailLabel(field: String, value: String, allowed: [String])
    /// A stored window segment could not be decoded.
    case damagedWindows(path: String, segment: Int64, reason: String)

    public var description: String {
        switch self {
        case let .incompatibleSchema(path, found, expected):
            return "store \(path) has schema version \(found), this Lantern reads version \(expected); ingest into a new store with --db NEW.db"
        case let .notAStore(path, tables):
            return "\(path) is not a Lantern store: it is an SQLite database with other tables (\(StoreError.list(tables))) and was left unchanged; name a new file with --db NEW.db"
        case let .corruptModel(path, version, reason):
            return "store \(path): model version \(version) cannot be read (\(reason)); run 'lantern train --db \(path)' to build a new one"
        case let .invalidMailLabel(field, value, allowed):
            return "invalid mail \(field) '\(value)'; expected one of: \(allowed.joined(separator: ", "))"
        case let .damagedWindows(path, segment, reason):
            return "store \(path): window segment \(segment) is damaged (\(reason)); ingest the captures again into a new store with --db NEW.db"
        }
    }

    /// Returns up to five names, then how many more there are.
    public static func list(_ names: [String]) -> String {
        let listed = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? listed + ", +\(names.count - 5)" : listed
    }
}
