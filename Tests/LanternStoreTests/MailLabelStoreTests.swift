import Foundation
import XCTest
import LanternMail
@testable import LanternStore

final class MailLabelStoreTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-mail-labels-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stores one small parsed message and returns its row id.
    private func storeMessage(_ store: Store, subject: String) throws -> Int64 {
        let text = "From: Sender <sender@example.org>\r\nTo: soc@example.net\r\nSubject: \(subject)\r\n"
            + "Message-ID: <\(UUID().uuidString)@example.org>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nbody text\r\n"
        let message = try MailParser(tokenizer: MailTokenizer(morphological: nil)).parse(Array(text.utf8))
        let origin = MailOrigin(path: "m.eml", index: 0, maildirFlags: nil, folderLabel: nil)
        return try XCTUnwrap(try store.insertMail(message, origin: origin))
    }

    func testMailLabelsSurviveReopenAndUndo() throws {
        let path = directory + "/s.db"
        var first: Int64 = 0
        var second: Int64 = 0
        do {
            let store = try Store(path: path)
            first = try storeMessage(store, subject: "invoice")
            second = try storeMessage(store, subject: "meeting")
            let label = try store.insertMailLabel(mailID: first, label: "malicious", source: "analyst", labeller: "aiko",
                                                  shownVerdict: "benign", shownConfidence: 0.25, shownUnknown: true, modelVersion: 2)
            _ = try store.insertMailLabel(mailID: second, label: "benign", source: "reputation-list", labeller: "allowlist",
                                          shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0)
            try store.undoMailLabel(id: label)
        }
        let reopened = try Store(path: path)
        let all = try reopened.mailLabels(includeUndone: true)
        XCTAssertEqual(all.count, 2)
        XCTAssertEqual(all[0].mailID, first)
        XCTAssertEqual(all[0].label, "malicious")
        XCTAssertEqual(all[0].source, "analyst")
        XCTAssertEqual(all[0].labeller, "aiko")
        XCTAssertEqual(all[0].shownVerdict, "benign")
        XCTAssertEqual(all[0].shownConfidence, 0.25)
        XCTAssertEqual(all[0].shownUnknown, true)
        XCTAssertEqual(all[0].modelVersion, 2)
        XCTAssertNotNil(all[0].undoneAt)
        XCTAssertNil(all[1].shownVerdict)
        XCTAssertNil(all[1].shownUnknown)
        XCTAssertNil(all[1].undoneAt)

        let inForce = try reopened.mailLabels()
        XCTAssertEqual(inForce.map(\.mailID), [second])
    }

    func testUndoTwiceKeepsFirstUndoTime() throws {
        let store = try Store(path: directory + "/s.db")
        let mail = try storeMessage(store, subject: "x")
        let label = try store.insertMailLabel(mailID: mail, label: "benign", source: "command", labeller: "cli",
                                              shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 1)
        try store.undoMailLabel(id: label)
        let undone = try XCTUnwrap(try store.mailLabels(includeUndone: true).first?.undoneAt)
        Thread.sleep(forTimeInterval: 0.01)
        try store.undoMailLabel(id: label)
        XCTAssertEqual(try store.mailLabels(includeUndone: true).first?.undoneAt, undone)
    }

    func testInvalidLabelAndSourceAreRejected() throws {
        let store = try Store(path: directory + "/s.db")
        let mail = try storeMessage(store, subject: "x")
        XCTAssertThrowsError(try store.insertMailLabel(mailID: mail, label: "spam", source: "analyst", labeller: "a",
                                                       shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0))
        XCTAssertThrowsError(try store.insertMailLabel(mailID: mail, label: "benign", source: "guess", labeller: "a",
                                                       shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0))
        XCTAssertThrowsError(try store.insertMailLabel(mailID: 9_999, label: "benign", source: "analyst", labeller: "a",
                                                       shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0),
                             "a label must name a stored message")
        XCTAssertEqual(try store.mailLabels(includeUndone: true).count, 0)
    }

    func testVerdictsAreWrittenToMessages() throws {
        let store = try Store(path: directory + "/s.db")
        let first = try storeMessage(store, subject: "a")
        let second = try storeMessage(store, subject: "b")
        try store.updateMailVerdicts([
            (id: first, verdict: "malicious", confidence: 0.9, unknown: false),
            (id: second, verdict: "benign", confidence: 0.4, unknown: true),
        ])
        let messages = Dictionary(uniqueKeysWithValues: try store.mailMessages().map { ($0.id, $0) })
        XCTAssertEqual(messages[first]?.verdict, "malicious")
        XCTAssertEqual(messages[first]?.confidence, 0.9)
        XCTAssertEqual(messages[first]?.unknown, false)
        XCTAssertEqual(messages[second]?.verdict, "benign")
        XCTAssertEqual(messages[second]?.unknown, true)
    }
}
