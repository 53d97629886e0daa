/// Counts of stored mail for `lantern stats`, taken with SQL aggregates so no message is decoded.
public struct MailStatistics: Sendable, Equatable {
    public var messages = 0
    /// Stored messages per folder label ("" for messages read outside malicious/ and spam/).
    public var byFolder: [String: Int] = [:]
    /// Labels in force (not undone) per label value (`malicious`, `benign`).
    public var labelsByClass: [String: Int] = [:]
    /// Labels in force per source (`analyst`, `reputation-list`, `command`).
    public var labelsBySource: [String: Int] = [:]
    /// Messages the last scoring called unknown.
    public var unknown = 0
    /// Messages with a verdict from the last scoring.
    public var scored = 0
}

extension Store {
    /// Returns message, label and verdict counts of the mail tables.
    /// - Complexity: O(*m* + *l*) rows scanned for *m* messages and *l* labels.
    public func mailStatistics() throws -> MailStatistics {
        var statistics = MailStatistics()
        statistics.byFolder = try mailCountsByFolderLabel()
        statistics.messages = statistics.byFolder.values.reduce(0, +)
        let pairs = { (sql: String) throws -> [String: Int] in
            let rows = try self.database.prepare(sql).rows { row in (row.text(0), Int(row.int(1))) }
            return Dictionary(rows, uniquingKeysWith: +)
        }
        statistics.labelsByClass = try pairs("SELECT label, COUNT(*) FROM mail_labels WHERE undone_at IS NULL GROUP BY label")
        statistics.labelsBySource = try pairs("SELECT source, COUNT(*) FROM mail_labels WHERE undone_at IS NULL GROUP BY source")
        let verdicts = try database.prepare("SELECT COUNT(verdict), COALESCE(SUM(unknown), 0) FROM mail_messages")
            .rows { row in (Int(row.int(0)), Int(row.int(1))) }
        statistics.scored = verdicts.first?.0 ?? 0
        statistics.unknown = verdicts.first?.1 ?? 0
        return statistics
    }
}
