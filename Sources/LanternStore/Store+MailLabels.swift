import Foundation

/// One labelling decision on a stored message: the label, who or what gave it, what the
/// screen showed at that moment and under which mail model version.
public struct StoredMailLabel: Sendable, Equatable {
    public var id: Int64
    /// Row id in `mail_messages`.
    public var mailID: Int64
    /// `malicious` or `benign`.
    public var label: String
    /// `analyst`, `reputation-list` or `command`.
    public var source: String
    /// Analyst login or labeller name.
    public var labeller: String
    /// Seconds since 1970.
    public var labelledAt: Double
    public var shownVerdict: String?
    public var shownConfidence: Double?
    public var shownUnknown: Bool?
    public var modelVersion: Int
    /// Seconds since 1970 when the label was undone. The row is kept for the history.
    public var undoneAt: Double?

    /// Values accepted for `label`.
    public static let labels: Set<String> = ["malicious", "benign"]
    /// Values accepted for `source`.
    public static let sources: Set<String> = ["analyst", "reputation-list", "command"]

    public init(id: Int64, mailID: Int64, label: String, source: String, labeller: String, labelledAt: Double,
                shownVerdict: String?, shownConfidence: Double?, shownUnknown: Bool?, modelVersion: Int, undoneAt: Double?) {
        self.id = id
        self.mailID = mailID
        self.label = label
        self.source = source
        self.labeller = labeller
        self.labelledAt = labelledAt
        self.shownVerdict = shownVerdict
        self.shownConfidence = shownConfidence
        self.shownUnknown = shownUnknown
        self.modelVersion = modelVersion
        self.undoneAt = undoneAt
    }
}

extension Store {
    /// Commits one mail label in its own transaction and returns its row id.
    ///
    /// With WAL and `synchronous=FULL` the commit has reached the disk when this returns, so a
    /// screen may say "saved" right after. Throws `StoreError.invalidMailLabel` for a label or
    /// source outside `StoredMailLabel.labels` and `StoredMailLabel.sources`, and an SQLite
    /// error when `mailID` names no stored message.
    public func insertMailLabel(mailID: Int64, label: String, source: String, labeller: String,
                                shownVerdict: String?, shownConfidence: Double?, shownUnknown: Bool?,
                                modelVersion: Int) throws -> Int64 {
        guard StoredMailLabel.labels.contains(label) else {
            throw StoreError.invalidMailLabel(field: "label", value: label, allowed: StoredMailLabel.labels.sorted())
        }
        guard StoredMailLabel.sources.contains(source) else {
            throw StoreError.invalidMailLabel(field: "source", value: source, allowed: StoredMailLabel.sources.sorted())
        }
        return try database.transaction {
            try database.prepare("""
                INSERT INTO mail_labels(mail_id, label, source, labeller, labelled_at, shown_verdict, shown_confidence,
                    shown_unknown, model_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([
                    .integer(mailID), .text(label), .text(source), .text(labeller), .real(Date().timeIntervalSince1970),
                    shownVerdict.map { .text($0) } ?? .null, shownConfidence.map { .real($0) } ?? .null,
                    shownUnknown.map { .integer($0 ? 1 : 0) } ?? .null, .integer(Int64(modelVersion)),
                ])
            return database.lastInsertRowID
        }
    }

    /// Marks a mail label undone. The row stays so the history of decisions is kept, and undoing
    /// a label twice keeps the first undo time.
    public func undoMailLabel(id: Int64) throws {
        try database.prepare("UPDATE mail_labels SET undone_at = ? WHERE id = ? AND undone_at IS NULL")
            .run([.real(Date().timeIntervalSince1970), .integer(id)])
    }

    /// Returns mail labels oldest first, leaving out undone ones unless `includeUndone` is set.
    public func mailLabels(includeUndone: Bool = false) throws -> [StoredMailLabel] {
        let filter = includeUndone ? "" : "WHERE undone_at IS NULL"
        return try database.prepare("""
            SELECT id, mail_id, label, source, labeller, labelled_at, shown_verdict, shown_confidence, shown_unknown,
                model_version, undone_at
            FROM mail_labels \(filter) ORDER BY id
            """).rows { row in
            StoredMailLabel(
                id: row.int(0), mailID: row.int(1), label: row.text(2), source: row.text(3), labeller: row.text(4),
                labelledAt: row.double(5), shownVerdict: row.isNull(6) ? nil : row.text(6),
                shownConfidence: row.isNull(7) ? nil : row.double(7), shownUnknown: row.isNull(8) ? nil : row.int(8) != 0,
                modelVersion: Int(row.int(9)), undoneAt: row.isNull(10) ? nil : row.double(10))
        }
    }

    /// Writes verdict, confidence and unknown flag of many messages in one transaction, so a
    /// reader sees either all verdicts of a scoring or none of them.
    public func updateMailVerdicts(_ verdicts: [(id: Int64, verdict: String, confidence: Double, unknown: Bool)]) throws {
        try database.transaction {
            let statement = try database.prepare("UPDATE mail_messages SET verdict = ?, confidence = ?, unknown = ? WHERE id = ?")
            for entry in verdicts {
                try statement.run([.text(entry.verdict), .real(entry.confidence), .integer(entry.unknown ? 1 : 0), .integer(entry.id)])
            }
        }
    }
}
