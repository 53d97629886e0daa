import Foundation
import LanternStore
import LanternTriage
import LanternUI

/// The rows of `lantern export labels`: window labels, then mail labels, undone ones included.
///
/// Every record has the same fields, so the CSV stays rectangular. `kind` is `window` or
/// `mail`; the fields of the other kind are empty (null in JSON Lines). `source` is `analyst`
/// for window labels and `analyst`, `reputation-list` or `command` for mail labels, and
/// `analyst` is the analyst's or labeller's name.
enum LabelExport {
    static let header = [
        "kind", "id", "src", "window_start", "mail_id", "message_id", "label", "source", "analyst", "labelled_at",
        "shown_score", "shown_reason", "shown_verdict", "shown_confidence", "shown_unknown", "model_version", "undone_at",
    ]

    static func rows(_ store: Store) throws -> [[(String, ExportValue)]] {
        let messageIDs = Dictionary(try store.mailMessages().map { ($0.id, $0.messageID) }, uniquingKeysWith: { first, _ in first })
        return try store.allLabels().map(windowFields)
            + store.mailLabels(includeUndone: true).map { mailFields($0, messageID: messageIDs[$0.mailID] ?? "") }
    }

    static func windowFields(_ label: StoredLabel) -> [(String, ExportValue)] {
        [
            ("kind", .text("window")), ("id", .integer(label.id)), ("src", .text(label.source)),
            ("window_start", .text(Timestamps.rfc3339(label.windowStart))), ("mail_id", .missing), ("message_id", .missing),
            ("label", .text(label.label)), ("source", .text("analyst")), ("analyst", .text(label.analyst)),
            ("labelled_at", .text(Timestamps.rfc3339(label.labelledAt))),
            ("shown_score", label.shownScore.map { .fixed($0, digits: 4) } ?? .missing), ("shown_reason", .text(label.shownReason ?? "")),
            ("shown_verdict", .missing), ("shown_confidence", .missing), ("shown_unknown", .missing),
            ("model_version", .integer(label.modelVersion)), ("undone_at", .text(label.undoneAt.map(Timestamps.rfc3339) ?? "")),
        ]
    }

    /// Returns a mail label's fields. The Message-ID comes from the message and passes through
    /// `SafeText.line` like the other mail text of the exports.
    static func mailFields(_ label: StoredMailLabel, messageID: String) -> [(String, ExportValue)] {
        [
            ("kind", .text("mail")), ("id", .integer(label.id)), ("src", .missing), ("window_start", .missing),
            ("mail_id", .integer(label.mailID)), ("message_id", .text(SafeText.line(messageID))), ("label", .text(label.label)),
            ("source", .text(label.source)), ("analyst", .text(SafeText.line(label.labeller))),
            ("labelled_at", .text(Timestamps.rfc3339(label.labelledAt))), ("shown_score", .missing), ("shown_reason", .missing),
            ("shown_verdict", .text(label.shownVerdict ?? "")),
            ("shown_confidence", label.shownConfidence.map { .fixed($0, digits: 4) } ?? .missing),
            ("shown_unknown", label.shownUnknown.map(ExportValue.boolean) ?? .missing),
            ("model_version", .integer(label.modelVersion)), ("undone_at", .text(label.undoneAt.map(Timestamps.rfc3339) ?? "")),
        ]
    }
}
