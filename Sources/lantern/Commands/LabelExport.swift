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

    static func rows(_ store: Store) throws -> [[(String, String)]] {
        let messageIDs = Dictionary(try store.mailMessages().map { ($0.id, $0.messageID) }, uniquingKeysWith: { first, _ in first })
        return try store.allLabels().map(windowFields)
            + store.mailLabels(includeUndone: true).map { mailFields($0, messageID: messageIDs[$0.mailID] ?? "") }
    }

    static func windowFields(_ label: StoredLabel) -> [(String, String)] {
        [
            ("kind", "window"), ("id", String(label.id)), ("src", label.source),
            ("window_start", Timestamps.rfc3339(label.windowStart)), ("mail_id", ""), ("message_id", ""),
            ("label", label.label), ("source", "analyst"), ("analyst", label.analyst),
            ("labelled_at", Timestamps.rfc3339(label.labelledAt)),
            ("shown_score", label.shownScore.map { String(format: "%.4f", $0) } ?? ""), ("shown_reason", label.shownReason ?? ""),
            ("shown_verdict", ""), ("shown_confidence", ""), ("shown_unknown", ""),
            ("model_version", String(label.modelVersion)), ("undone_at", label.undoneAt.map(Timestamps.rfc3339) ?? ""),
        ]
    }

    /// Returns a mail label's fields. The Message-ID comes from the message and passes through
    /// `SafeText.line` like the other mail text of the exports.
    static func mailFields(_ label: StoredMailLabel, messageID: String) -> [(String, String)] {
        [
            ("kind", "mail"), ("id", String(label.id)), ("src", ""), ("window_start", ""), ("mail_id", String(label.mailID)),
            ("message_id", SafeText.line(messageID)), ("label", label.label), ("source", label.source),
            ("analyst", SafeText.line(label.labeller)), ("labelled_at", Timestamps.rfc3339(label.labelledAt)),
            ("shown_score", ""), ("shown_reason", ""), ("shown_verdict", label.shownVerdict ?? ""),
            ("shown_confidence", label.shownConfidence.map { String(format: "%.4f", $0) } ?? ""),
            ("shown_unknown", label.shownUnknown.map { $0 ? "true" : "false" } ?? ""),
            ("model_version", String(label.modelVersion)), ("undone_at", label.undoneAt.map(Timestamps.rfc3339) ?? ""),
        ]
    }
}
