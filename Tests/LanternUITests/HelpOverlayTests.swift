import LanternTriage
import XCTest
@testable import LanternUI

/// The help overlay of every screen wraps its lines by display cells instead of cutting them.
final class HelpOverlayTests: XCTestCase {
    /// Returns the grid's text with the rows joined and every space dropped, so a wrapped
    /// sentence reads as one run of characters.
    private func joinedText(_ grid: ScreenGrid) -> String {
        (0..<grid.height).map(grid.rowText).joined().filter { !$0.isWhitespace }
    }

    private func assertWhole(_ texts: [String], in grid: ScreenGrid, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let joined = joinedText(grid)
        for text in texts {
            XCTAssertTrue(joined.contains(text.filter { !$0.isWhitespace }), "\(context): '\(text)' is cut:\n\(grid.text)",
                          file: file, line: line)
        }
        XCTAssertEqual(gridProblems(grid), [], context, file: file, line: line)
    }

    func testReviewHelpWrapsAt80And60() {
        for strings in [Strings.en, Strings.ja] {
            let screen = ReviewScreen(review: FakeReview(), strings: strings)
            _ = screen.handle(.character("?"))
            for width in [80, 60] {
                let texts = KeyMap.review.helpEntries(strings).map(\.text) + [strings(.helpReserved)]
                assertWhole(texts, in: screen.render(width: width, height: 24), "\(strings.language) review \(width)x24")
            }
        }
    }

    func testMailHelpWrapsAt80And60() {
        for strings in [Strings.en, Strings.ja] {
            let screen = MailScreen(review: FakeMailReview(), strings: strings)
            _ = screen.handle(.character("?"))
            for width in [80, 60] {
                let texts = KeyMap.mail.bindings.map { strings($0.action.helpText) } + [strings(.helpReserved)]
                assertWhole(texts, in: screen.render(width: width, height: 24), "\(strings.language) mail \(width)x24")
            }
        }
    }

    func testSubnetsHelpWrapsAt80x24() {
        for strings in [Strings.en, Strings.ja] {
            let screen = SubnetScreen(timeline: SubnetScreenTests.syntheticTimeline(rows: 5, days: 10), strings: strings)
            _ = screen.handle(.character("?"))
            let texts = KeyMap.subnets.helpEntries(strings).map(\.text) + [strings(.screenSwitchHelp)]
            assertWhole(texts, in: screen.render(width: 80, height: 24), "\(strings.language) subnets 80x24")
        }
    }

    func testContinuationRowsStartUnderText() {
        let screen = ReviewScreen(review: FakeReview(), strings: .ja)
        _ = screen.handle(.character("?"))
        let grid = screen.render(width: 50, height: 30)
        // "このセッション最後の" starts the undo line only; the skip line has "このセッション" too.
        let start = String(Strings.ja(.actionUndo).prefix(10))
        guard let first = (0..<grid.height).first(where: { grid.rowText($0).contains(start) }) else {
            return XCTFail("no undo line:\n\(grid.text)")
        }
        let firstText = grid.rowText(first)
        let next = grid.rowText(first + 1)
        // The key column of the continuation row is blank, and its text starts where the first row's did.
        let textStart = DisplayWidth.width(of: String(firstText[..<(firstText.range(of: start)?.lowerBound ?? firstText.endIndex)]))
        XCTAssertEqual(next.prefix(textStart).trimmingCharacters(in: .whitespaces), "", next)
        XCTAssertNotEqual(grid[row: first + 1, column: textStart].character, " ", next)
    }
}
