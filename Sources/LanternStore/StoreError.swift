/// Failures of the store that a user can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file was written by another version of Lantern.
    case incompatibleSchema(path: String, found: String, expected: Int)
    /// A saved model could not be decoded.
    case corruptModel(path: String, version: Int, reason: String)

    public var description: String {
        switch self {
        case let .incompatibleSchema(path, found, expected):
            return "store \(path) has schema version \(found), this Lantern reads version \(expected); ingest into a new store with --db NEW.db"
        case let .corruptModel(path, version, reason):
            return "store \(path): model version \(version) cannot be read (\(reason)); run 'lantern train --db \(path)' to build a new one"
        }
    }
}
