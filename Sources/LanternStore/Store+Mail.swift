import Foundation
import LanternMail

/// One message's row in the store.
public struct StoredMail: Sendable, Equatable {
    public var id: Int64
    /// The Message-ID, or "" when the message has none.
    public var messageID: String
    public var contentHash: String
    public var date: Date?
    public var senderAddress: String
    /// The decoded display name of the sender, possibly empty.
    public var senderName: String
    public var subject: String
    public var excerpt: String
    /// URLs as found (not defanged: display code defangs them).
    public var urls: [String]
    public var domains: [String]
    public var attachments: [MailAttachment]
    public var termCounts: [String: Int]
    public var notes: [String]
    public var sourcePath: String
    /// The message's number in its mbox, from 0; 0 for other files.
    public var sourceIndex: Int
    public var maildirFlags: String?
    /// "malicious" or "spam" from the folder the message was read from.
    public var folderLabel: String?
    public var verdict: String?
    public var confidence: Double?
    public var unknown: Bool?
}

/// The file and position a message was read from.
public struct MailOrigin: Sendable {
    public var path: String
    public var index: Int
    public var maildirFlags: String?
    public var folderLabel: String?

    public init(path: String, index: Int, maildirFlags: String?, folderLabel: String?) {
        self.path = path
        self.index = index
        self.maildirFlags = maildirFlags
        self.folderLabel = folderLabel
    }
}

extension Store {
    /// Stores a parsed message and returns its row id, or `nil` when a message with the same
    /// Message-ID and content hash is already stored (a re-ingest adds nothing).
    public func insertMail(_ message: MailMessage, origin: MailOrigin) throws -> Int64? {
        let statement = try database.prepare("""
            INSERT OR IGNORE INTO mail_messages(message_id, content_hash, date, sender_address, sender_name, subject, excerpt,
                urls, domains, attachments, terms, notes, source_path, source_index, maildir_flags, folder_label, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run([
            .text(message.messageID ?? ""), .text(message.contentHash), message.date.map { .real($0.timeIntervalSince1970) } ?? .null,
            .text(message.sender?.address ?? ""), .text(message.sender?.displayName ?? ""), .text(message.subject),
            .text(message.excerpt(length: 500)), .text(Store.json(message.urls)), .text(Store.json(message.domains)),
            .text(Store.json(message.attachments)), .text(Store.json(message.termCounts)), .text(Store.json(message.notes)),
            .text(origin.path), .integer(Int64(origin.index)), origin.maildirFlags.map { .text($0) } ?? .null,
            origin.folderLabel.map { .text($0) } ?? .null, .real(Date().timeIntervalSince1970),
        ])
        return database.changes == 0 ? nil : database.lastInsertRowID
    }

    /// Returns whether a message with these exact bytes is stored, so a re-ingest can skip parsing it.
    public func containsMail(contentHash: String) throws -> Bool {
        try !database.prepare("SELECT 1 FROM mail_messages WHERE content_hash = ? LIMIT 1").rows([.text(contentHash)]) { _ in true }.isEmpty
    }

    /// Returns every stored message in date order (undated last), then by id.
    /// - Complexity: O(n) in the number of stored messages.
    public func mailMessages() throws -> [StoredMail] {
        try database.prepare("""
            SELECT id, message_id, content_hash, date, sender_address, sender_name, subject, excerpt, urls, domains, attachments,
                terms, notes, source_path, source_index, maildir_flags, folder_label, verdict, confidence, unknown
            FROM mail_messages ORDER BY date IS NULL, date, id
            """).rows { row in
            StoredMail(
                id: row.int(0), messageID: row.text(1), contentHash: row.text(2),
                date: row.isNull(3) ? nil : Date(timeIntervalSince1970: row.double(3)),
                senderAddress: row.text(4), senderName: row.text(5), subject: row.text(6), excerpt: row.text(7),
                urls: Store.decodeJSON(row.text(8)) ?? [], domains: Store.decodeJSON(row.text(9)) ?? [],
                attachments: Store.decodeJSON(row.text(10)) ?? [], termCounts: Store.decodeJSON(row.text(11)) ?? [:],
                notes: Store.decodeJSON(row.text(12)) ?? [], sourcePath: row.text(13), sourceIndex: Int(row.int(14)),
                maildirFlags: row.isNull(15) ? nil : row.text(15), folderLabel: row.isNull(16) ? nil : row.text(16),
                verdict: row.isNull(17) ? nil : row.text(17), confidence: row.isNull(18) ? nil : row.double(18),
                unknown: row.isNull(19) ? nil : row.int(19) != 0)
        }
    }

    /// Stored messages per folder label ("" for messages read outside malicious/ and spam/).
    public func mailCountsByFolderLabel() throws -> [String: Int] {
        let statement = try database.prepare("SELECT COALESCE(folder_label, ''), COUNT(*) FROM mail_messages GROUP BY 1")
        let pairs = try statement.rows { row in (row.text(0), Int(row.int(1))) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding arrays and dictionaries of strings, numbers and `MailAttachment` cannot fail.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
