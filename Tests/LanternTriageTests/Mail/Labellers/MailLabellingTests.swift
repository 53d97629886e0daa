import Foundation
import LanternMail
import LanternStore
import XCTest
@testable import LanternTriage

final class MailLabellingTests: XCTestCase {
    private var directory = ""
    private var store: Store!  // Set in setUpWithError before every test.

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lantern-labelling-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store(path: directory + "/mail.db")
    }

    override func tearDownWithError() throws {
        store = nil
        try FileManager.default.removeItem(atPath: directory)
    }

    /// Stores a message whose body is `body` and returns its row id.
    private func storeMessage(_ number: Int, body: String) throws -> Int64 {
        let text = "From: a@example.org\r\nTo: b@example.org\r\nSubject: offer \(number)\r\nMessage-ID: <\(number)@example.org>\r\n"
            + "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\n\(body)\r\n"
        let message = try MailParser(tokenizer: MailTokenizer(morphological: nil)).parse(Array(text.utf8))
        let origin = MailOrigin(path: "m\(number).eml", index: 0, maildirFlags: nil, folderLabel: nil)
        return try XCTUnwrap(try store.insertMail(message, origin: origin))
    }

    func testLabelsUnlabelledMessagesAndSkipsAnalystLabels() throws {
        let listed = try storeMessage(1, body: "Log in at https://login.evil.example/verify now")
        let analystLabelled = try storeMessage(2, body: "Also https://cdn.evil.example/x")
        let unlisted = try storeMessage(3, body: "See https://shop.example.org/")
        let withoutURL = try storeMessage(4, body: "No links here")
        _ = try store.insertMailLabel(mailID: analystLabelled, label: "benign", source: "analyst", labeller: "alice",
                                      shownVerdict: nil, shownConfidence: nil, shownUnknown: nil, modelVersion: 0)
        let chain = LabellerChain([ReputationList(contents: Data("evil.example\n".utf8), path: "bad.txt")])

        let outcome = try MailLabelling.run(store: store, chain: chain, modelVersion: 3)
        XCTAssertEqual(outcome.stored, [.malicious: 1])
        XCTAssertEqual(outcome.storedBySource, ["reputation-list": 1])
        XCTAssertEqual(outcome.unknown, 2)
        XCTAssertEqual(outcome.withoutURLs, 1)
        XCTAssertEqual(outcome.alreadyLabelled, 1)

        let labels = try store.mailLabels()
        XCTAssertEqual(labels.count, 2)
        let stored = try XCTUnwrap(labels.first { $0.mailID == listed })
        XCTAssertEqual(stored.label, "malicious")
        XCTAssertEqual(stored.source, "reputation-list")
        XCTAssertEqual(stored.labeller, "bad.txt")
        XCTAssertEqual(stored.modelVersion, 3)
        XCTAssertEqual(labels.first { $0.mailID == analystLabelled }?.label, "benign", "the analyst's label stays")
        XCTAssertFalse(labels.contains { $0.mailID == unlisted || $0.mailID == withoutURL })

        let again = try MailLabelling.run(store: store, chain: chain, modelVersion: 3)
        XCTAssertEqual(again.storedTotal, 0, "a second run labels nothing twice")
        XCTAssertEqual(again.alreadyLabelled, 2)
    }

    func testOnlyGivenMessagesAreAsked() throws {
        let first = try storeMessage(1, body: "https://a.evil.example/")
        _ = try storeMessage(2, body: "https://b.evil.example/")
        let chain = LabellerChain([ReputationList(contents: Data("evil.example\n".utf8), path: "bad.txt")])
        let outcome = try MailLabelling.run(store: store, chain: chain, mailIDs: [first], modelVersion: 0)
        XCTAssertEqual(outcome.storedTotal, 1)
        XCTAssertEqual(try store.mailLabels().map(\.mailID), [first])
    }

    func testWarningsReachCaller() throws {
        _ = try storeMessage(1, body: "https://a.example.net/")
        let chain = LabellerChain([ReputationList(contents: Data("bad line here\n".utf8), path: "bad.txt")])
        var warnings: [LabellerWarning] = []
        _ = try MailLabelling.run(store: store, chain: chain, modelVersion: 0) { warnings.append($0) }
        XCTAssertEqual(warnings, [.malformedLine(path: "bad.txt", line: 1, problem: .notURLOrDomain("bad line here"))])
    }
}
