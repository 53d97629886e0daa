import Glibc
import XCTest
@testable import LanternUI

final class DisplayWidthTests: XCTestCase {
    // T04: wide characters at the truncation edge.
    func testWidthsOfScripts() {
        XCTAssertEqual(DisplayWidth.width(of: "注文確認"), 8)
        XCTAssertEqual(DisplayWidth.width(of: "ｱｲｳｴｵ"), 5, "half-width kana are narrow")
        XCTAssertEqual(DisplayWidth.width(of: "ＡＢＣ１２３"), 12, "full-width Latin is wide")
        XCTAssertEqual(DisplayWidth.width(of: "한국어"), 6)
        XCTAssertEqual(DisplayWidth.width(of: "e\u{301}te\u{301}"), 3, "combining accents take no cell")
        XCTAssertEqual(DisplayWidth.width(of: "abc"), 3)
    }

    func testTruncateNeverSplitsWideCharacter() {
        // 9 cells of budget: 4 wide characters (8) fit, the 5th would straddle the edge.
        let cut = DisplayWidth.truncate("あいうえおかきくけこ", to: 10)
        XCTAssertEqual(cut, "あいうえ…")
        XCTAssertEqual(DisplayWidth.width(of: cut), 9)
    }

    func testTruncateAtOddOffset() {
        let cut = DisplayWidth.truncate("a注文確認のお知らせ", to: 8)
        XCTAssertEqual(cut, "a注文確…")
        XCTAssertEqual(DisplayWidth.width(of: cut), 8)
    }

    func testPadGivesExactWidthAtEveryEdge() {
        let subjects = ["【重要】お支払い方法の確認", "ｾｰﾙ開催中ﾃﾞｽ", "①②③ ○×△", "Ｆｕｌｌ ｗｉｄｔｈ", "café résumé",
                        "한국어 제목입니다", "x" + String(repeating: "字", count: 40)]
        for subject in subjects {
            for width in [1, 2, 3, 38, 39, 40, 78, 79, 80] {
                let padded = DisplayWidth.pad(subject, to: width)
                XCTAssertEqual(DisplayWidth.width(of: padded), width, "\(subject) at \(width)")
            }
        }
    }

    func testPadRightAligns() {
        XCTAssertEqual(DisplayWidth.pad("42", to: 5, alignment: .right), "   42")
    }

    func testFallbackTableMatchesWcwidthForCommonText() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { throw XCTSkip("C.UTF-8 locale not available") }
        defer { setlocale(LC_CTYPE, "C") }
        let sample = "注文確認ｱｲｳＡＢＣ한국어abc、。「」ー々〆あア" + "\u{301}\u{3099}"
        for scalar in sample.unicodeScalars {
            XCTAssertEqual(EastAsianWidth.fallbackWidth(of: scalar), DisplayWidth.width(of: scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testCombiningMarkAtStartGetsOwnCell() {
        let clusters = DisplayWidth.clusters(of: "\u{301}a")
        XCTAssertEqual(clusters.map(\.width), [1, 1])
        XCTAssertEqual(clusters.first?.text, " \u{301}")
    }

    func testStackedCombiningMarksLimited() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 20)
        let clusters = DisplayWidth.clusters(of: zalgo)
        XCTAssertEqual(clusters.count, 1)
        XCTAssertEqual(clusters[0].text.unicodeScalars.count, 1 + DisplayWidth.maximumCombiningScalars)
    }

    func testCaseFileSubjectsFitEveryWidth() throws {
        let path = URLPath.casesDirectory + "/tty/T04-cjk-width-truncation.mbox"
        guard case .success(let text) = readTextFile(path) else {
            throw XCTSkip("\(path) not found; the case files live in <repo>/../shared/cases")
        }
        let subjects = SafeText.lines(text).filter { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) }
        XCTAssertEqual(subjects.count, 8)
        for subject in subjects {
            for width in [20, 38, 39, 40, 41, 78, 79, 80] {
                var grid = ScreenGrid(width: width + 2, height: 1)
                grid.draw("|", row: 0, column: 0)
                grid.draw(DisplayWidth.pad(subject, to: width), row: 0, column: 1)
                grid.draw("|", row: 0, column: width + 1)
                XCTAssertEqual(gridProblems(grid), [], "\(subject) at \(width)")
                XCTAssertEqual(grid[row: 0, column: width + 1].character, "|", "the next field stays in place: \(subject) at \(width)")
            }
        }
    }
}
