import XCTest
@testable import LanternUI

/// The command line's message catalogues: complete in both languages, with the same placeholders.
final class MessageCatalogueTests: XCTestCase {
    func testEveryMessageKeyInBothCatalogues() {
        for key in MessageKey.allCases {
            XCTAssertFalse((Strings.en.messageTable[key] ?? "").isEmpty, "English is missing \(key)")
            XCTAssertFalse((Strings.ja.messageTable[key] ?? "").isEmpty, "Japanese is missing \(key)")
        }
    }

    func testMessagePlaceholdersMatchAcrossLanguages() {
        for key in MessageKey.allCases {
            XCTAssertEqual(Strings.en.placeholders(in: key), Strings.ja.placeholders(in: key), "\(key)")
        }
    }

    func testCataloguesHoldNoKeyOutsideTheEnum() {
        XCTAssertEqual(Strings.en.messageTable.count, MessageKey.allCases.count)
        XCTAssertEqual(Strings.ja.messageTable.count, MessageKey.allCases.count)
    }

    func testJapaneseMessagesAreTranslated() {
        // Every message has words to translate, so a Japanese value equal to the English one
        // is a value copied and not translated.
        for key in MessageKey.allCases {
            XCTAssertNotEqual(Strings.en.messageTable[key], Strings.ja.messageTable[key], "\(key)")
        }
    }

    func testMessageSubstitutesEachPlaceholderOnce() {
        let message = Strings.en(.ingestAlreadyIngested, ["path": "/tmp/{path}.pcap"])
        XCTAssertEqual(message, "/tmp/{path}.pcap: already ingested, skipped")
    }

    func testMessageKeepsUnfilledPlaceholderVisible() {
        XCTAssertEqual(Strings.en(.ingestAlreadyIngested), "{path}: already ingested, skipped")
    }

    func testMessageFormatsNumbers() {
        XCTAssertEqual(Strings.ja(.ingestReopenedWindows, ["count": 3]),
                       "  3 件のウィンドウは 30 秒以上遅れたパケットを受けたため、2 回保存しました")
        XCTAssertEqual(Strings.en(.integerOutOfRange, ["option": "window", "lowest": 1, "highest": 86_400, "value": "0"]),
                       "--window must be a whole number from 1 to 86400, not '0'")
    }

    func testJapaneseMessagesUseAnalystTerms() {
        XCTAssertTrue(Strings.ja(.modelActive).contains("バックスキャッター"))
        XCTAssertTrue(Strings.ja(.modelActive).contains("モデル版"))
        XCTAssertTrue(Strings.ja(.ingestFileSummary).contains("ウィンドウ"))
        XCTAssertTrue(Strings.ja(.storeMissing).contains("ストア"))
    }
}
