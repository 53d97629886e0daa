import XCTest
@testable import LanternUI

final class StringsTests: XCTestCase {
    func testEveryKeyInBothCatalogues() {
        for key in StringKey.allCases {
            XCTAssertFalse((Strings.en.table[key] ?? "").isEmpty, "English is missing \(key)")
            XCTAssertFalse((Strings.ja.table[key] ?? "").isEmpty, "Japanese is missing \(key)")
        }
    }

    func testPlaceholdersMatchAcrossLanguages() {
        for key in StringKey.allCases {
            XCTAssertEqual(Strings.en.placeholders(in: key), Strings.ja.placeholders(in: key), "\(key)")
        }
    }

    func testJapaneseUsesAnalystTerms() {
        XCTAssertEqual(Strings.ja(.labelBackscatter), "バックスキャッター")
        XCTAssertEqual(Strings.ja(.labelNotBackscatter), "非バックスキャッター")
        XCTAssertEqual(Strings.ja(.actionSkipShort), "スキップ")
        XCTAssertEqual(Strings.ja(.actionUndoShort), "取り消し")
        XCTAssertEqual(Strings.ja(.actionQuitShort), "終了")
        XCTAssertEqual(Strings.ja(.statusQueue, ["count": "3"]), "判定待ち 3")
    }

    func testPlaceholderSubstitution() {
        XCTAssertEqual(Strings.en(.saved, ["host": "203.0.113.5", "label": "backscatter", "version": "7"]),
                       "saved: 203.0.113.5 → backscatter (model v7)")
    }

    func testLanguageSelection() throws {
        XCTAssertEqual(try Strings.select(explicit: "ja", environment: ["LANG": "en_US.UTF-8"]).language, .ja)
        XCTAssertEqual(try Strings.select(explicit: "EN", environment: ["LANG": "ja_JP.UTF-8"]).language, .en)
        XCTAssertEqual(try Strings.select(explicit: nil, environment: ["LANG": "ja_JP.UTF-8"]).language, .ja)
        XCTAssertEqual(try Strings.select(explicit: nil, environment: ["LC_ALL": "C", "LANG": "ja_JP.UTF-8"]).language, .en)
        XCTAssertEqual(try Strings.select(explicit: nil, environment: ["LC_ALL": "", "LC_MESSAGES": "ja_JP.eucJP"]).language, .ja)
        XCTAssertEqual(try Strings.select(explicit: nil, environment: [:]).language, .en)
    }

    func testUnknownLanguageRejectedWithChoices() {
        XCTAssertThrowsError(try Strings.select(explicit: "fr", environment: [:])) { error in
            XCTAssertEqual(error as? UIError, .unknownLanguage("fr"))
            XCTAssertEqual((error as? UIError)?.message(.en), "Unknown language 'fr'. Use --lang en or --lang ja.")
        }
    }

    func testTerminalErrorsSayWhatToSet() {
        XCTAssertEqual(UIError.noTerm.message(.en),
                       "TERM is not set, so the review screen cannot start. Set TERM to your terminal type, for example: export TERM=xterm-256color")
        XCTAssertTrue(UIError.dumbTerminal(term: "dumb").message(.en).contains("TERM=dumb cannot draw"))
        XCTAssertTrue(UIError.unknownTerminal(term: "foo\u{1B}[2J").message(.ja).contains("TERM=foo^[[2J は terminfo"))
    }

    func testTerminalRefusesMissingAndDumbTerm() {
        XCTAssertThrowsError(try Terminal.checkEnvironment([:])) { XCTAssertEqual($0 as? UIError, .noTerm) }
        XCTAssertThrowsError(try Terminal.checkEnvironment(["TERM": ""])) { XCTAssertEqual($0 as? UIError, .noTerm) }
        XCTAssertThrowsError(try Terminal.checkEnvironment(["TERM": "dumb"])) { XCTAssertEqual($0 as? UIError, .dumbTerminal(term: "dumb")) }
    }
}

final class UIErrorTests: XCTestCase {
    func testNotATerminalNamesStream() {
        XCTAssertEqual(UIError.notATerminal(stream: .output).message(.en),
                       "The review screen needs a terminal, but standard output is not one. Run lantern tui directly in a terminal, without pipes or redirection.")
        XCTAssertTrue(UIError.notATerminal(stream: .input).message(.ja).hasPrefix("判定画面には端末が必要ですが、標準入力は端末ではありません。"))
    }
}
