import Foundation
import LanternStore

/// The mail analyst loop over a store: the implementation of `MailReview` the UI drives.
///
/// Each label is committed to the store first. Only then are the models updated (warm start,
/// see `MailModel.update(_:)`), every message re-scored, a new mail model version saved and the
/// verdicts written. If the process dies between the two steps the label is kept and the next
/// training uses it.
///
/// NOTE: the session works on the messages and labels stored when it opened. Mail ingested or
/// labelled by another process meanwhile is neither queued nor used for training until the next
/// `lantern tui` or `lantern train`.
public final class MailSession: MailReview {
    private let training: MailTraining
    private let analyst: String
    private var skipped: Set<Int> = []
    private var undoStack: [(labelID: Int64, position: Int)] = []
    public private(set) var queue: [MailItem] = []

    /// Loads the store's messages and labels, and scores them with a fresh fit.
    /// - Parameter analyst: the name recorded with each label, such as the login name.
    public init(store: Store, analyst: String, settings: MailModel.Settings = MailModel.Settings()) throws {
        training = try MailTraining(store: store, settings: settings)
        self.analyst = analyst
        try training.fit()
        training.scoreAll()
        if training.modelVersion == 0 {
            try training.saveVersion()
            try training.publish()
        }
        rebuildQueue()
    }

    public var state: MailLearningState {
        let counts = training.labelCounts
        return MailLearningState(
            modelVersion: training.modelVersion, modelActive: training.model != nil,
            maliciousLabels: counts.malicious, benignLabels: counts.benign, queueSize: queue.count)
    }

    public func label(_ item: MailItem, as label: MailAnalystLabel) throws -> MailLabelReceipt {
        guard let position = training.positionByID[item.mailID] else { throw MailSessionError.messageNotFound(item.mailID) }
        let labelID = try training.store.insertMailLabel(
            mailID: item.mailID, label: label.rawValue, source: "analyst", labeller: analyst,
            shownVerdict: item.verdict, shownConfidence: item.confidence, shownUnknown: item.unknown,
            modelVersion: training.modelVersion)
        undoStack.append((labelID, position))

        let stored = StoredMailLabel(
            id: labelID, mailID: item.mailID, label: label.rawValue, source: "analyst", labeller: analyst,
            labelledAt: Date().timeIntervalSince1970, shownVerdict: item.verdict, shownConfidence: item.confidence,
            shownUnknown: item.unknown, modelVersion: training.modelVersion, undoneAt: nil)
        do {
            try training.setLabel(stored, at: position)
            let version = try refresh()
            return MailLabelReceipt(labelID: labelID, mailID: item.mailID, label: label, modelVersion: version)
        } catch {
            // The label is committed, so the message leaves the queue and the error message states it.
            rebuildQueue()
            throw MailSessionError.modelUpdateFailed(mailID: item.mailID, reason: String(describing: error))
        }
    }

    public func undo() throws -> MailItem? {
        guard let last = undoStack.popLast() else { return nil }
        try training.store.undoMailLabel(id: last.labelID)
        // A labeller's label of the same message, hidden by the analyst's, is in force again.
        let mailID = training.messages[last.position].id
        let remaining = MailTraining.labelsInForce(try training.store.mailLabels().filter { $0.mailID == mailID })
        try training.setLabel(remaining[mailID], at: last.position)
        try refresh()
        return makeItem(last.position)
    }

    public func skip(_ item: MailItem) {
        guard let position = training.positionByID[item.mailID] else { return }
        skipped.insert(position)
        rebuildQueue()
    }

    /// Re-scores every message, saves a new mail model version, writes the verdicts and rebuilds
    /// the queue; returns the new version.
    @discardableResult
    private func refresh() throws -> Int {
        training.scoreAll()
        let version = try training.saveVersion()
        try training.publish()
        rebuildQueue()
        return version
    }

    /// Unlabelled, unskipped messages: unknown ones first, then by rising confidence, then by id.
    private func rebuildQueue() {
        let positions = training.messages.indices.filter { training.labels[$0] == nil && !skipped.contains($0) }
        queue = positions.map(makeItem).sorted { left, right in
            if left.unknown != right.unknown { return left.unknown }
            let leftConfidence = left.confidence ?? 0
            let rightConfidence = right.confidence ?? 0
            if leftConfidence != rightConfidence { return leftConfidence < rightConfidence }
            return left.mailID < right.mailID
        }
    }

    private func makeItem(_ position: Int) -> MailItem {
        let message = training.messages[position]
        let verdict = training.verdicts[position]
        return MailItem(
            mailID: message.id, messageID: message.messageID, date: message.date?.timeIntervalSince1970,
            senderAddress: message.senderAddress, senderName: message.senderName, subject: message.subject,
            excerpt: message.excerpt, urls: message.urls,
            attachments: message.attachments.map { MailItem.Attachment(mediaType: $0.mediaType, name: $0.name) },
            verdict: verdict.map { $0.malicious ? "malicious" : "benign" }, confidence: verdict?.confidence,
            unknown: verdict?.unknown ?? true)
    }
}

/// Failures of the mail analyst loop.
public enum MailSessionError: Error, CustomStringConvertible, Equatable {
    case messageNotFound(Int64)
    /// The label was committed to the store, but updating, saving or publishing the models
    /// failed afterwards.
    case modelUpdateFailed(mailID: Int64, reason: String)

    public var description: String {
        switch self {
        case .messageNotFound(let id):
            return "message \(id) is not in this session's store snapshot; restart 'lantern tui' to reload"
        case let .modelUpdateFailed(mailID, reason):
            return "the label of message \(mailID) is saved, but the mail models were not updated (\(reason)); "
                + "run 'lantern train' to retrain them from the stored labels"
        }
    }
}
