import Foundation
@testable import LanternMail
import XCTest

final class CharsetDecoderTests: XCTestCase {
    func testShiftJISAliasesDecodeNECRows() {
        // 87 40 is ① and 87 8A is ㈱ in CP932; plain Shift_JIS has neither.
        for label in ["shift_jis", "Shift-JIS", "x-sjis", "sjis", "Windows-31J", "cp932", "MS_Kanji"] {
            let decoded = CharsetDecoder.decode([0x87, 0x40, 0x87, 0x8A, 0x82, 0xA0], label: label)
            XCTAssertEqual(decoded.text, "①㈱あ", label)
            XCTAssertEqual(decoded.charset, "CP932", label)
            XCTAssertNil(decoded.note, label)
        }
    }

    func testISO2022JPDecodesCP50220Extensions() {
        // ESC $ B, row 13 cell 1 (①), "あ" (24 22), ESC ( I, half-width "ｱ" (31), ESC ( B, "x".
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x2D, 0x21, 0x24, 0x22, 0x1B, 0x28, 0x49, 0x31, 0x1B, 0x28, 0x42, 0x78]
        let decoded = CharsetDecoder.decode(bytes, label: "ISO-2022-JP")
        XCTAssertEqual(decoded.text, "①あｱx")
        XCTAssertNil(decoded.note)
    }

    func testISO2022JPOddBytesBecomeReplacement() {
        let decoded = CharsetDecoder.decode([0x1B, 0x24, 0x42, 0x24], label: "iso-2022-jp")
        XCTAssertEqual(decoded.text, "\u{FFFD}")
        XCTAssertEqual(decoded.note, "1 invalid byte replaced with U+FFFD")
    }

    func testEUCJPAliases() {
        for label in ["euc-jp", "eucjp", "x-euc-jp"] {
            XCTAssertEqual(CharsetDecoder.decode([0xA4, 0xA2, 0xAD, 0xA1], label: label).text, "あ①", label)
        }
    }

    func testLatin1LabelReadsWindows1252() {
        XCTAssertEqual(CharsetDecoder.decode([0x80, 0xE9], label: "ISO-8859-1").text, "€é")
    }

    func testGB2312LabelReadsGBK() {
        // 96 BE is a GBK-only character (not in GB2312).
        XCTAssertEqual(CharsetDecoder.decode([0x96, 0xBE], label: "gb2312").text, "柧")
    }

    func testUnknownLabelKeepsValidUTF8() {
        let decoded = CharsetDecoder.decode(Array("Olá".utf8) + [0x80], label: "uft-8")
        XCTAssertEqual(decoded.text, "Olá\u{FFFD}")
        XCTAssertEqual(decoded.note, "unknown charset 'uft-8'; decoded as UTF-8 (best effort); invalid UTF-8 bytes replaced with U+FFFD")
    }

    func testDamagedLabelReadFromFirstName() {
        let decoded = CharsetDecoder.decode(Array("café".utf8), label: "utf-8 <div style=\"x\">")
        XCTAssertEqual(decoded.text, "café")
        XCTAssertEqual(decoded.note, "charset label 'utf-8 <div style=\"x\">' read as 'utf-8'")
    }

    func testUndeclaredShiftJISGuessed() {
        // A sentence long enough for uchardet to be sure, encoded in Shift_JIS by Foundation.
        let text = "お知らせ：ご確認ください。本日中にお手続きをお願いいたします。"
        let bytes = [UInt8](text.data(using: .shiftJIS) ?? Data())
        XCTAssertFalse(bytes.isEmpty)
        let decoded = CharsetDecoder.decode(bytes, label: nil)
        XCTAssertEqual(decoded.text, text)
        XCTAssertEqual(decoded.note, "no charset declared; guessed SHIFT_JIS")
    }
}
