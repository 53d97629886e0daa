import Foundation
import LanternMail
import LanternStore
import LanternTriage
import XCTest

/// Mail training and the mail analyst loop over a store of small synthetic messages.
final class MailSessionTests: XCTestCase {
    private var directory = ""
    private var store: Store!  // Set in setUp, before every test.

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-mail-session-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store(path: directory + "/mail.db")
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stores a message whose body is `body` and returns its row id.
    @discardableResult
    private func storeMessage(subject: String, body: String, day: Int) throws -> Int64 {
        let text = "From: Sender <s\(day)@example.org>\r\nTo: soc@example.net\r\nSubject: \(subject)\r\n"
            + "Message-ID: <\(UUID().uuidString)@example.org>\r\nDate: \(day) Jan 2024 10:00:00 +0000\r\n\r\n\(body)\r\n"
        let message = try MailParser(tokenizer: MailTokenizer(morphological: nil)).parse(Array(text.utf8))
        let origin = MailOrigin(path: "m\(day).eml", index: 0, maildirFlags: nil, folderLabel: nil)
        return try XCTUnwrap(try store.insertMail(message, origin: origin))
    }

    /// Six phishing-like and six advertising-like messages.
    private func storeTwoKinds() throws -> (phishing: [Int64], advertising: [Int64]) {
        var phishing: [Int64] = []
        var advertising: [Int64] = []
        for day in 1...6 {
            phishing.append(try storeMessage(subject: "verify account \(day)",
                                             body: "your account is suspended verify password login now https://bank.example.com/x\(day)", day: day))
            advertising.append(try storeMessage(subject: "sale \(day)",
                                                body: "discount shoes sale offer cheap shoes catalog unsubscribe", day: day + 10))
        }
        return (phishing, advertising)
    }

    func testTrainingWithoutBothClassesMarksAllUnknown() throws {
        let kinds = try storeTwoKinds()
        _ = try store.insertMailLabel(mailID: kinds.phishing[0], label: "malicious", source: "analyst", labeller: "aiko",
                                      shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0)
        let summary = try MailTraining(store: store).run()
        XCTAssertFalse(summary.active)
        XCTAssertEqual(summary.maliciousLabels, 1)
        XCTAssertEqual(summary.benignLabels, 0)
        XCTAssertEqual(summary.unknownMessages, 12)
        let messages = try store.mailMessages()
        XCTAssertTrue(messages.allSatisfy { $0.unknown == true })
        XCTAssertTrue(messages.allSatisfy { $0.verdict == nil })
        XCTAssertEqual(try store.latestMailModel()?.active, false)
    }

    func testTrainingStoresVerdictsForEveryMessage() throws {
        let kinds = try storeTwoKinds()
        for id in kinds.phishing.prefix(3) {
            _ = try store.insertMailLabel(mailID: id, label: "malicious", source: "reputation-list", labeller: "urlhaus",
                                          shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0)
        }
        for id in kinds.advertising.prefix(3) {
            _ = try store.insertMailLabel(mailID: id, label: "benign", source: "analyst", labeller: "aiko",
                                          shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0)
        }
        let summary = try MailTraining(store: store).run()
        XCTAssertTrue(summary.active)
        XCTAssertEqual(summary.modelVersion, 1)

        let byID = Dictionary(uniqueKeysWithValues: try store.mailMessages().map { ($0.id, $0) })
        for id in kinds.phishing {
            XCTAssertEqual(byID[id]?.verdict, "malicious", "message \(id)")
            XCTAssertNotNil(byID[id]?.confidence)
        }
        for id in kinds.advertising {
            XCTAssertEqual(byID[id]?.verdict, "benign", "message \(id)")
        }
    }

    func testAnalystLabelOverridesLabellerLabel() {
        func label(_ id: Int64, _ value: String, _ source: String, undone: Bool = false) -> StoredMailLabel {
            StoredMailLabel(id: id, mailID: 7, label: value, source: source, labeller: "x", labelledAt: 0, shownVerdict: nil,
                            shownConfidence: nil, shownUnknown: nil, modelVersion: 0, undoneAt: undone ? 1 : nil)
        }
        let analystFirst = MailTraining.labelsInForce([label(1, "benign", "analyst"), label(2, "malicious", "command")])
        XCTAssertEqual(analystFirst[7]?.label, "benign")
        let newestAnalyst = MailTraining.labelsInForce([label(1, "benign", "analyst"), label(2, "malicious", "analyst")])
        XCTAssertEqual(newestAnalyst[7]?.label, "malicious")
        let undoneAnalyst = MailTraining.labelsInForce([label(1, "malicious", "reputation-list"), label(2, "benign", "analyst", undone: true)])
        XCTAssertEqual(undoneAnalyst[7]?.label, "malicious")
    }

    func testQueuePutsUnknownFirstThenLowConfidence() throws {
        _ = try storeTwoKinds()
        let session = try MailSession(store: store, analyst: "aiko")
        XCTAssertEqual(session.queue.count, 12)
        XCTAssertTrue(session.queue.allSatisfy(\.unknown), "without a model every message is unknown")
        XCTAssertFalse(session.state.modelActive)

        try labelFirst(session, matching: "verify", as: .malicious)
        try labelFirst(session, matching: "sale", as: .benign)
        XCTAssertTrue(session.state.modelActive)
        XCTAssertEqual(session.queue.count, 10)
        for (earlier, later) in zip(session.queue, session.queue.dropFirst()) {
            if earlier.unknown == later.unknown {
                XCTAssertLessThanOrEqual(earlier.confidence ?? 0, later.confidence ?? 0)
            } else {
                XCTAssertTrue(earlier.unknown, "unknown messages come before known ones")
            }
        }
    }

    private func labelFirst(_ session: MailSession, matching word: String, as label: MailAnalystLabel) throws {
        let item = try XCTUnwrap(session.queue.first { $0.subject.contains(word) })
        _ = try session.label(item, as: label)
    }

    func testLabelStoredBeforeModelUpdate() throws {
        _ = try storeTwoKinds()
        let session = try MailSession(store: store, analyst: "aiko")
        let versionBefore = session.state.modelVersion
        let item = try XCTUnwrap(session.queue.first)
        let receipt = try session.label(item, as: .malicious)

        let stored = try XCTUnwrap(try store.mailLabels().first)
        XCTAssertEqual(stored.id, receipt.labelID)
        XCTAssertEqual(stored.mailID, item.mailID)
        XCTAssertEqual(stored.label, "malicious")
        XCTAssertEqual(stored.source, "analyst")
        XCTAssertEqual(stored.labeller, "aiko")
        XCTAssertEqual(stored.shownUnknown, item.unknown)
        XCTAssertEqual(stored.modelVersion, versionBefore, "the label records the version that was on screen")
        XCTAssertEqual(receipt.modelVersion, versionBefore + 1, "the update after the label makes a new version")
        XCTAssertFalse(session.queue.contains { $0.mailID == item.mailID })
    }

    func testUndoWithdrawsLabelAndRequeues() throws {
        _ = try storeTwoKinds()
        let session = try MailSession(store: store, analyst: "aiko")
        try labelFirst(session, matching: "verify", as: .malicious)
        let benign = try XCTUnwrap(session.queue.first { $0.subject.contains("sale") })
        _ = try session.label(benign, as: .benign)
        XCTAssertTrue(session.state.modelActive)
        let versionBeforeUndo = session.state.modelVersion

        let undone = try XCTUnwrap(try session.undo())
        XCTAssertEqual(undone.mailID, benign.mailID)
        XCTAssertTrue(session.queue.contains { $0.mailID == benign.mailID })
        XCTAssertFalse(session.state.modelActive, "one class left: the models are dropped")
        XCTAssertEqual(session.state.modelVersion, versionBeforeUndo + 1)
        XCTAssertEqual(try store.mailLabels().count, 1)
        XCTAssertEqual(try store.mailLabels(includeUndone: true).count, 2)
        XCTAssertTrue(try store.mailMessages().allSatisfy { $0.unknown == true })

        _ = try session.undo()
        XCTAssertNil(try session.undo(), "nothing left to undo")
        XCTAssertEqual(session.queue.count, 12)
    }

    func testIncrementalLabelsMatchVerdictsOfFullFit() throws {
        let kinds = try storeTwoKinds()
        let session = try MailSession(store: store, analyst: "aiko")
        for id in [kinds.phishing[0], kinds.advertising[0], kinds.phishing[1], kinds.advertising[1]] {
            let item = try XCTUnwrap(session.queue.first { $0.mailID == id })
            _ = try session.label(item, as: kinds.phishing.contains(id) ? .malicious : .benign)
        }
        let incremental = Dictionary(uniqueKeysWithValues: try store.mailMessages().map { ($0.id, $0.verdict) })
        try MailTraining(store: store).run()
        let full = Dictionary(uniqueKeysWithValues: try store.mailMessages().map { ($0.id, $0.verdict) })
        XCTAssertEqual(incremental, full)
    }

    func testSkipLeavesQueueForSession() throws {
        _ = try storeTwoKinds()
        let session = try MailSession(store: store, analyst: "aiko")
        let item = try XCTUnwrap(session.queue.first)
        session.skip(item)
        XCTAssertEqual(session.queue.count, 11)
        XCTAssertFalse(session.queue.contains { $0.mailID == item.mailID })
        XCTAssertEqual(try store.mailLabels(includeUndone: true).count, 0)
    }
}
