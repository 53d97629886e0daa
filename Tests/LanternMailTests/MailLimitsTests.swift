import Foundation
import LanternMail
import XCTest

/// Hostile sizes: each is bounded and reported in a sentence, never a crash.
final class MailLimitsTests: XCTestCase {
    private func header(_ extra: String = "") -> String {
        "From: Sender <s@example.net>\r\nTo: r@example.org\r\nMessage-ID: <limit@example.net>\r\n\(extra)MIME-Version: 1.0\r\n"
    }

    func testHundredMegabyteFileRejectedUnread() throws {
        let parser = try MailTestSupport.requireParser()
        let path = NSTemporaryDirectory() + "lantern-mail-\(UUID().uuidString).eml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A sparse file: 100 MB on paper, nothing on disk, so the test costs no I/O.
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(header().utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()

        let file = MailSource.File(path: path, kind: .message, folderLabel: nil, maildir: nil)
        var failures: [MailError] = []
        MailReader.forEachMessage(in: file, limits: parser.limits) { _, result in
            if case .failure(let error) = result { failures.append(error) }
        }
        XCTAssertEqual(failures, [.tooLarge(bytes: 100_000_000, limit: 64 << 20)])
        XCTAssertEqual(failures.first?.description, "message is 95.4 MiB, larger than the 64.0 MiB limit; skipped")
    }

    func testHundredMegabyteMessageRejectedByParser() throws {
        let parser = try MailTestSupport.requireParser()
        var bytes = Array((header() + "Subject: big\r\n\r\n").utf8)
        bytes += [UInt8](repeating: 0x61, count: 100_000_000 - bytes.count)
        XCTAssertThrowsError(try parser.parse(bytes)) { error in
            XCTAssertEqual((error as? MailError)?.description, "message is 95.4 MiB, larger than the 64.0 MiB limit; skipped")
        }
    }

    func testOneMegabyteSubjectParsedAndCut() throws {
        let parser = try MailTestSupport.requireParser()
        let subject = String(repeating: "lottery ", count: 125_000)
        let message = try parser.parse(Array((header("Subject: \(subject)\r\n") + "\r\nbody\r\n").utf8))
        XCTAssertEqual(message.subject.count, 1_000)
        XCTAssertTrue(message.subject.hasPrefix("lottery lottery"))
        XCTAssertTrue(message.notes.contains("Subject: cut at 1000 of 999999 characters"), "\(message.notes)")
    }

    func testTwoMegabyteHeaderRejected() throws {
        let parser = try MailTestSupport.requireParser()
        let filler = String(repeating: "X-Filler: " + String(repeating: "z", count: 990) + "\r\n", count: 2_100)
        let bytes = Array((header(filler) + "Subject: s\r\n\r\nbody\r\n").utf8)
        XCTAssertThrowsError(try parser.parse(bytes)) { error in
            XCTAssertEqual((error as? MailError)?.description, "header block is larger than the 1024 KiB limit; skipped")
        }
    }

    func testThousandLevelNestingBounded() throws {
        let parser = try MailTestSupport.requireParser()
        var text = header("Subject: nested\r\n")
        for level in 0..<1_000 {
            text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        text += "Content-Type: text/plain\r\n\r\ndeep text\r\n"
        for level in stride(from: 999, through: 0, by: -1) {
            text += "--b\(level)--\r\n"
        }
        let message = try parser.parse(Array(text.utf8))
        XCTAssertEqual(message.subject, "nested")
        XCTAssertFalse(message.text.contains("deep text"))
        XCTAssertTrue(message.notes.contains { $0.contains("nesting") }, "\(message.notes.prefix(3))")
    }
}
