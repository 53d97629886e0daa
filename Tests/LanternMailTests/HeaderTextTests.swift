@testable import LanternMail
import XCTest

final class HeaderTextTests: XCTestCase {
    func testAdjacentWordsJoinedAsBytes() {
        let raw = "=?UTF-8?B?5rOo?=\r\n =?utf-8?B?5paH?= and =?UTF-8?Q?=E7?= =?UTF-8?Q?=A2=BA?="
        XCTAssertEqual(HeaderText.decode(Array(raw.utf8)).text, "注文 and 確")
    }

    func testQUnderscoreIsSpace() {
        XCTAssertEqual(HeaderText.decode(Array("=?iso-8859-1?q?caf=E9_cr=E8me?=".utf8)).text, "café crème")
    }

    func testWordsGluedToTextDecoded() {
        XCTAssertEqual(HeaderText.decode(Array("Re:=?utf-8?B?44GC?=!".utf8)).text, "Re:あ!")
    }

    func testRawISO2022JPHeaderDecoded() {
        let raw: [UInt8] = [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42] + Array(" ok".utf8)
        XCTAssertEqual(HeaderText.decode(raw).text, "あ ok")
    }

    func testBrokenWordKeptAsText() {
        XCTAssertEqual(HeaderText.decode(Array("=?utf-8?X?abc?= =?utf-8?B?".utf8)).text, "=?utf-8?X?abc?= =?utf-8?B?")
    }

    func testNormalisedForParsingKeepsSyntax() {
        let raw = "=?ISO-8859-1?Q?Sveinsd=F3ttir=2C_Anna?= <anna@example.org>, b@example.org"
        let normalised = HeaderText.normalisedForParsing(Array(raw.utf8)).text
        XCTAssertEqual(normalised, "=?UTF-8?B?U3ZlaW5zZMOzdHRpciwgQW5uYQ==?= <anna@example.org>, b@example.org")
    }

    func testSingleLineCollapsesSpaces() {
        XCTAssertEqual(HeaderText.singleLine("\n\n a\tb\u{2028}c\u{3000}\u{200B}d \r\n"), "a b c d")
        XCTAssertEqual(HeaderText.singleLine("x\u{202E}y"), "x\u{202E}y")
        // Previews keep zero-width spaces, so the display shows them where they sat.
        XCTAssertEqual(HeaderText.singleLine("\n pay\u{200B}pal\u{FEFF}.example \r\n", keepingZeroWidth: true), "pay\u{200B}pal\u{FEFF}.example")
    }
}
