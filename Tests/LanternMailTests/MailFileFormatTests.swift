import LanternMail
import XCTest

final class MailFileFormatTests: XCTestCase {
    func testRecognisedByContent() {
        XCTAssertEqual(MailFileFormat.detect(head: Array("Received: from x\r\nFrom: a@b\r\nSubject: s\r\n\r\n".utf8)), .message)
        XCTAssertEqual(MailFileFormat.detect(head: Array("From a@b.net Tue Nov 14 22:13:20 2023\nFrom: a@b\n".utf8)), .mbox)
        XCTAssertEqual(MailFileFormat.detect(head: Array("Content-Type: text/plain\n\nbody\n".utf8)), .message)
        XCTAssertEqual(MailFileFormat.detect(head: Array("✅ Loading configuration\nReturn-Path: <a@b>\nFrom: a@b\n".utf8)), .message)
    }

    func testOtherFilesRejected() {
        XCTAssertNil(MailFileFormat.detect(head: []))
        XCTAssertNil(MailFileFormat.detect(head: Array("// Not an RFC-822 Document\n".utf8)))
        XCTAssertNil(MailFileFormat.detect(head: Array("# Title\n\nSome: text that is not mail\n".utf8)))
        XCTAssertNil(MailFileFormat.detect(head: [0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00]))
    }
}
