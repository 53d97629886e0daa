import Foundation
import LanternStore
import LanternTriage
import LanternUI

/// The rows of `lantern export mail`: one per stored message, in date order.
///
/// Text taken from mail (subject, sender, attachment names) passes through `SafeText.line`, so
/// control, bidirectional and invisible characters appear as visible escapes such as "^[" or
/// "<U+202E>" and a record never spans lines. Verdict, confidence and the unknown flag stay
/// empty until a mail model has scored the message. `label` is the mail label in force
/// (`malicious` or `benign`, an analyst's over a labeller's) and, for a message without one,
/// the folder it was read from (`malicious` or `spam`).
enum MailExport {
    static let header = [
        "id", "date", "sender_address", "sender_name", "subject", "domains", "attachment_types", "attachment_names",
        "verdict", "confidence", "unknown", "label",
    ]

    static func rows(_ store: Store) throws -> [[(String, ExportValue)]] {
        let labels = MailTraining.labelsInForce(try store.mailLabels())
        return try store.mailMessages().map { mail in
            [
                ("id", .integer(mail.id)), ("date", .text(mail.date.map { Timestamps.rfc3339($0.timeIntervalSince1970) } ?? "")),
                ("sender_address", .text(SafeText.line(mail.senderAddress))), ("sender_name", .text(SafeText.line(mail.senderName))),
                ("subject", .text(SafeText.line(mail.subject))), ("domains", .text(mail.domains.joined(separator: " "))),
                ("attachment_types", .text(mail.attachments.map(\.mediaType).joined(separator: " "))),
                ("attachment_names", .text(mail.attachments.compactMap { $0.name.map(SafeText.line) }.joined(separator: " | "))),
                ("verdict", .text(mail.verdict ?? "")), ("confidence", mail.confidence.map { .fixed($0, digits: 4) } ?? .missing),
                ("unknown", mail.unknown.map(ExportValue.boolean) ?? .missing),
                ("label", .text(labels[mail.id]?.label ?? mail.folderLabel ?? "")),
            ]
        }
    }
}
