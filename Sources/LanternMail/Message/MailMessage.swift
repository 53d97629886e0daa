import Foundation

/// The parts of one message Lantern keeps: decoded header fields, text, URLs, registered
/// domains, attachments and term counts. `MailParser` builds it, and the raw message is not kept.
public struct MailMessage: Sendable, Equatable {
    /// The Message-ID without angle brackets, or `nil` when the header is missing.
    public var messageID: String?
    /// SHA-256 of the message bytes, in lower-case hex.
    public var contentHash: String
    /// The Date header, or the time of the topmost Received header when Date is missing or invalid.
    public var date: Date?
    /// The first From mailbox; the name is decoded after the header was split into mailboxes.
    public var sender: MailAddress?
    /// Every To mailbox.
    public var recipients: [MailAddress]
    /// The decoded subject on one line (see `HeaderText.singleLine`).
    public var subject: String
    /// Text of the inline text parts, HTML turned into text.
    public var text: String
    /// URLs from the text and from link attributes, de-obfuscated, without repeats, in order.
    public var urls: [String]
    /// Registered domains of `urls`, without repeats, in order.
    public var domains: [String]
    public var attachments: [MailAttachment]
    /// Term counts: words plus `domain:` and `attachment:` tokens.
    public var termCounts: [String: Int]
    /// Defects and guesses met while decoding (unknown charsets, GMime warnings, cut parts).
    public var notes: [String]

    /// Returns the first `length` characters of `text` on one line, for previews.
    public func excerpt(length: Int = 300) -> String {
        // Collapsing spaces shortens text, so four times the length leaves enough to cut from.
        String(HeaderText.singleLine(String(text.unicodeScalars.prefix(length * 4)), keepingZeroWidth: true).prefix(length))
    }
}
