import XCTest
@testable import LanternUI

/// `DisplayWidth.wrap`: lines measured in cells, Japanese broken between characters.
final class DisplayWidthWrapTests: XCTestCase {
    func testJapaneseFillsEachLineByCells() {
        let text = "セルの TAP 分布・ポート・シグネチャ・プロトタイプを表示。サブネット列では"
        for width in [10, 11, 20, 21, 40] {
            let lines = DisplayWidth.wrap(text, width: width)
            for line in lines {
                XCTAssertLessThanOrEqual(DisplayWidth.width(of: line), width, "\(line) at \(width)")
            }
            XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " }, "nothing is lost at \(width)")
            // Every line but the last is filled, less a wide character that did not fit and one
            // that moved down with a closing mark.
            for line in lines.dropLast() {
                XCTAssertGreaterThanOrEqual(DisplayWidth.width(of: line), width - 4, "\(line) at \(width)")
            }
        }
    }

    func testClosingMarkNeverStartsLine() {
        // At 8 cells, "、" would start the second line; "ち" moves down with it.
        XCTAssertEqual(DisplayWidth.wrap("判定待ち、次へ", width: 8), ["判定待", "ち、次へ"])
        // Full-width brackets, 2 cells each: "）" would start the second line.
        XCTAssertEqual(DisplayWidth.wrap("移動\u{FF08}前日\u{FF09}です", width: 10), ["移動\u{FF08}前", "日\u{FF09}です"])
    }

    func testLatinWordsMoveWhole() {
        XCTAssertEqual(DisplayWidth.wrap("Move the cursor to the previous day", width: 16),
                       ["Move the cursor", "to the previous", "day"])
        XCTAssertEqual(DisplayWidth.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"], "a word wider than a line is broken")
    }

    func testDoubleSpacesKeptInsideLine() {
        // The Subnets detail separates port entries by two spaces.
        XCTAssertEqual(DisplayWidth.wrap("23/tcp 40  445/tcp 12  22/tcp 9", width: 24), ["23/tcp 40  445/tcp 12", "22/tcp 9"])
        XCTAssertEqual(DisplayWidth.wrap("  indented  text  ", width: 20), ["indented  text"], "no spaces at line ends")
        XCTAssertEqual(DisplayWidth.wrap("abc    def", width: 4), ["abc", "def"])
    }

    func testEmptyAndNarrow() {
        XCTAssertEqual(DisplayWidth.wrap("", width: 10), [])
        XCTAssertEqual(DisplayWidth.wrap("判定", width: 0), [])
        XCTAssertEqual(DisplayWidth.wrap("判定", width: 1), [], "a wide character never fits one cell")
    }
}
