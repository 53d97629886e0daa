import LanternStore

/// The mail lines of `lantern stats`: messages per folder, labels in force per class and per
/// source, unknown messages and the mail model version.
enum MailStatsLines {
    static func lines(_ store: Store) throws -> [(String, String)] {
        let statistics = try store.mailStatistics()
        let count = { (table: [String: Int], key: String) in String(table[key] ?? 0) }
        return [
            ("mail messages", String(statistics.messages)),
            ("mail messages in malicious/", count(statistics.byFolder, "malicious")),
            ("mail messages in spam/", count(statistics.byFolder, "spam")),
            ("mail messages in other folders", count(statistics.byFolder, "")),
            ("mail malicious labels", count(statistics.labelsByClass, "malicious")),
            ("mail benign labels", count(statistics.labelsByClass, "benign")),
            ("mail analyst labels", count(statistics.labelsBySource, "analyst")),
            ("mail reputation-list labels", count(statistics.labelsBySource, "reputation-list")),
            ("mail command labels", count(statistics.labelsBySource, "command")),
            ("mail scored messages", String(statistics.scored)),
            ("mail unknown messages", String(statistics.unknown)),
        ]
    }
}
