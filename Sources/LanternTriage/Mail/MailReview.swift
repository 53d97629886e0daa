/// The analyst's answer for one message.
public enum MailAnalystLabel: String, Sendable, CaseIterable {
    case malicious
    /// Spam that leads to neither phishing nor malware ("not malicious" on screen).
    case benign
}

/// One message waiting in the mail queue, with what the screen shows of it.
///
/// Every text field comes from the message and is untrusted: the screen passes each one through
/// `SafeText` before drawing, and URLs through `SafeText.defang`.
public struct MailItem: Sendable, Equatable {
    /// An attachment as recorded at ingest: never written to disk, never opened.
    public struct Attachment: Sendable, Equatable {
        public var mediaType: String
        public var name: String?

        public init(mediaType: String, name: String?) {
            self.mediaType = mediaType
            self.name = name
        }
    }

    /// Store row of the message.
    public var mailID: Int64
    public var messageID: String
    /// Seconds since 1970 from the Date header, or `nil` when it is missing or invalid.
    public var date: Double?
    public var senderAddress: String
    /// Decoded display name of the sender, possibly empty.
    public var senderName: String
    public var subject: String
    public var excerpt: String
    /// URLs as found in the message, not defanged.
    public var urls: [String]
    public var attachments: [Attachment]
    /// `malicious` or `benign` from the verdict model, `nil` while no model is fitted.
    public var verdict: String?
    /// Distance from the verdict model's boundary, `nil` while no model is fitted.
    public var confidence: Double?
    /// Whether the one-class model places the message outside what was learned.
    public var unknown: Bool

    public init(mailID: Int64, messageID: String, date: Double?, senderAddress: String, senderName: String, subject: String,
                excerpt: String, urls: [String], attachments: [Attachment], verdict: String?, confidence: Double?, unknown: Bool) {
        self.mailID = mailID
        self.messageID = messageID
        self.date = date
        self.senderAddress = senderAddress
        self.senderName = senderName
        self.subject = subject
        self.excerpt = excerpt
        self.urls = urls
        self.attachments = attachments
        self.verdict = verdict
        self.confidence = confidence
        self.unknown = unknown
    }
}

/// The mail models' learning state, shown on the Mail screen's status line.
public struct MailLearningState: Sendable, Equatable {
    public var modelVersion: Int
    /// False while the labels lack a class; every message is then unknown and queued.
    public var modelActive: Bool
    public var maliciousLabels: Int
    public var benignLabels: Int
    public var queueSize: Int

    public init(modelVersion: Int, modelActive: Bool, maliciousLabels: Int, benignLabels: Int, queueSize: Int) {
        self.modelVersion = modelVersion
        self.modelActive = modelActive
        self.maliciousLabels = maliciousLabels
        self.benignLabels = benignLabels
        self.queueSize = queueSize
    }
}

/// Proof that a mail label reached the store, returned before the screen shows "saved".
public struct MailLabelReceipt: Sendable, Equatable {
    public var labelID: Int64
    public var mailID: Int64
    public var label: MailAnalystLabel
    /// Mail model version after the update that followed the label.
    public var modelVersion: Int

    public init(labelID: Int64, mailID: Int64, label: MailAnalystLabel, modelVersion: Int) {
        self.labelID = labelID
        self.mailID = mailID
        self.label = label
        self.modelVersion = modelVersion
    }
}

/// The analyst loop for mail, as the terminal UI drives it.
///
/// The UI only calls these methods and never trains or scores. `label` stores the answer
/// durably first and only then updates the models, so a crash between the two loses no label.
public protocol MailReview: AnyObject {
    var state: MailLearningState { get }
    /// The queue: unknown messages first, then the lowest confidence first.
    var queue: [MailItem] { get }
    /// Stores the label (committed before returning), updates the models, re-scores the queue.
    func label(_ item: MailItem, as label: MailAnalystLabel) throws -> MailLabelReceipt
    /// Withdraws the most recent analyst label of this session (kept in the store, marked undone)
    /// and returns its message, back in the queue, or `nil` when there is nothing to undo.
    func undo() throws -> MailItem?
    /// Skips the message for this session without labelling it.
    func skip(_ item: MailItem)
}
