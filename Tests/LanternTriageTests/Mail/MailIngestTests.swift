import Foundation
import LanternMail
import LanternStore
import LanternTriage
import XCTest

/// Ingest of the whole shared mail tree: counts per folder match the files, re-ingest adds nothing.
final class MailIngestTests: XCTestCase {
    private let mailFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/mail")

    private func files(in folder: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: mailFolder.appendingPathComponent(folder).path).count
    }

    func testSharedTreeIngestsOnceWithCountsPerFolder() throws {
        guard FileManager.default.fileExists(atPath: mailFolder.path) else {
            throw XCTSkip("shared mail data not found at \(mailFolder.path); it lives beside the repository in ../shared/data/mail")
        }
        guard (try? MorphologicalTokenizer()) != nil else {
            throw XCTSkip("MeCab with IPADIC is not installed; run scripts/install-deps (it installs mecab-ipadic-utf8)")
        }
        let directory = NSTemporaryDirectory() + "lantern-mail-ingest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/mail.db")
        let source = try MailSource(paths: [mailFolder.path])

        // Two files of malformed/ are not mail (one empty, one plain text); the two top-level
        // files are the folder's README and manifest.
        XCTAssertEqual(source.notMail.count, 4, "\(source.notMail)")
        let first = try MailIngest(store: store).ingest(source)
        XCTAssertEqual(first.failures, [])
        XCTAssertEqual(first.duplicates, 0)
        XCTAssertEqual(first.storedByFolder["malicious"], try files(in: "malicious"))
        XCTAssertEqual(first.storedByFolder["spam"], try files(in: "spam"))
        XCTAssertEqual(first.storedByFolder[""], try files(in: "ja") + files(in: "malformed") - 2)
        XCTAssertEqual(first.stored, 400 + 400 + 84 + 37)

        let stored = try store.mailCountsByFolderLabel()
        XCTAssertEqual(stored, ["malicious": 400, "spam": 400, "": 121])

        let again = try MailIngest(store: store).ingest(source)
        XCTAssertEqual(again.stored, 0)
        XCTAssertEqual(again.duplicates, first.stored)
        XCTAssertEqual(try store.mailCountsByFolderLabel(), stored)
    }

    func testStoredRowKeepsDecodedFields() throws {
        let path = mailFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cases/mail/M07-encoded-display-name-with-angle-and-comma.eml").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("shared mail cases not found at \(path)")
        }
        let directory = NSTemporaryDirectory() + "lantern-mail-row-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/mail.db")
        let outcome = try MailIngest(store: store).ingest(try MailSource(paths: [path]))
        XCTAssertEqual(outcome.stored, 1)

        let row = try XCTUnwrap(try store.mailMessages().first)
        XCTAssertEqual(row.messageID, "3017800462@mail.example.net")
        XCTAssertEqual(row.senderAddress, "x7@spam.example.net")
        XCTAssertEqual(row.senderName, "Bank Security Team <security@bank.example.com>")
        XCTAssertEqual(row.subject, "Your account is locked")
        XCTAssertEqual(row.urls, ["http://bank-verify.example.net/"])
        XCTAssertEqual(row.domains, ["example.net"])
        XCTAssertEqual(row.termCounts["domain:example.net"], 1)
        XCTAssertEqual(row.termCounts["account"], 2)
        XCTAssertEqual(row.date, Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(row.contentHash.count, 64)
        XCTAssertNil(row.folderLabel)
        XCTAssertNil(row.verdict)
    }
}
