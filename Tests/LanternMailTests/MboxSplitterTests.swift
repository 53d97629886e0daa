import LanternMail
import XCTest

final class MboxSplitterTests: XCTestCase {
    private func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            MboxSplitter.messageRanges(buffer).map { String(decoding: MboxSplitter.unescaped(buffer, range: $0), as: UTF8.self) }
        }
    }

    func testSeparatorNeedsAddressAndDate() {
        XCTAssertTrue(MboxSplitter.isSeparator(Array("From a@example.net Tue Nov 14 22:13:20 2023".utf8)))
        XCTAssertTrue(MboxSplitter.isSeparator(Array("From a@example.net  Thu Aug 22 13:17:22 2002\r".utf8)))
        XCTAssertTrue(MboxSplitter.isSeparator(Array("From MAILER-DAEMON Fri Jul  8 12:08:34 2011".utf8)))
        XCTAssertTrue(MboxSplitter.isSeparator(Array("From - Sat Jan  3 01:05:34 1996 +0000".utf8)))
        XCTAssertFalse(MboxSplitter.isSeparator(Array("From the desk of the Prize Committee: you have been selected.".utf8)))
        XCTAssertFalse(MboxSplitter.isSeparator(Array("From a@example.net yesterday".utf8)))
        XCTAssertFalse(MboxSplitter.isSeparator(Array("From someone Tue Nov 14 22:13:20 2023".utf8)))
    }

    func testBodyFromLinesStayAndEscapesAreUndone() {
        let messages = split("From a@x.net Tue Nov 14 22:13:20 2023\nSubject: one\n\nFrom here on\n>From there\n\nFrom b@x.net Tue Nov 14 22:13:21 2023\nSubject: two\n\nbody\n")
        XCTAssertEqual(messages, ["Subject: one\n\nFrom here on\nFrom there\n", "Subject: two\n\nbody\n"])
    }

    func testCRLFBlankLineBeforeSeparatorRemoved() {
        let messages = split("From a@x.net Tue Nov 14 22:13:20 2023\r\nSubject: one\r\n\r\nbody\r\n\r\nFrom b@x.net Tue Nov 14 22:13:21 2023\r\nSubject: two\r\n")
        XCTAssertEqual(messages, ["Subject: one\r\n\r\nbody\r\n", "Subject: two\r\n"])
    }

    func testEmptyAndSeparatorlessInput() {
        XCTAssertEqual(split(""), [])
        XCTAssertEqual(split("Subject: not an mbox\n"), [])
    }
}
