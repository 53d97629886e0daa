import Foundation

/// One analyst label as stored: who, when, what was shown and under which model version.
public struct StoredLabel: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var windowStart: Double
    public var label: String
    public var analyst: String
    public var labelledAt: Double
    public var shownScore: Double?
    public var shownReason: String?
    public var modelVersion: Int
    public var undoneAt: Double?
}

extension Store {
    /// Commits one label in its own transaction and returns its row id.
    ///
    /// With WAL and `synchronous=FULL` the commit has reached the disk when this returns, which is
    /// what allows the screen to say "saved".
    public func insertLabel(source: String, windowStart: Double, label: String, analyst: String,
                            shownScore: Double?, shownReason: String?, modelVersion: Int) throws -> Int64 {
        try database.transaction {
            try database.prepare("""
                INSERT INTO labels(src, window_start, label, analyst, labelled_at, shown_score, shown_reason, model_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).run([
                    .text(source), .real(windowStart), .text(label), .text(analyst), .real(Date().timeIntervalSince1970),
                    shownScore.map { .real($0) } ?? .null, shownReason.map { .text($0) } ?? .null, .integer(Int64(modelVersion)),
                ])
            return database.lastInsertRowID
        }
    }

    /// Marks a label undone; the row stays so the history of decisions is kept.
    public func undoLabel(id: Int64) throws {
        try database.prepare("UPDATE labels SET undone_at = ? WHERE id = ? AND undone_at IS NULL")
            .run([.real(Date().timeIntervalSince1970), .integer(id)])
    }

    /// Every label, undone ones included, oldest first.
    public func allLabels() throws -> [StoredLabel] {
        try database.prepare("""
            SELECT id, src, window_start, label, analyst, labelled_at, shown_score, shown_reason, model_version, undone_at
            FROM labels ORDER BY id
            """).rows { row in
            StoredLabel(
                id: row.int(0), source: row.text(1), windowStart: row.double(2), label: row.text(3), analyst: row.text(4),
                labelledAt: row.double(5), shownScore: row.isNull(6) ? nil : row.double(6),
                shownReason: row.isNull(7) ? nil : row.text(7), modelVersion: Int(row.int(8)),
                undoneAt: row.isNull(9) ? nil : row.double(9)
            )
        }
    }

    /// The label in force for each window: the newest one not undone.
    public func labelsInForce() throws -> [StoredLabel] {
        var latest: [String: StoredLabel] = [:]
        for label in try allLabels() where label.undoneAt == nil {
            latest["\(label.source)|\(label.windowStart)"] = label
        }
        return latest.values.sorted { $0.id < $1.id }
    }
}
