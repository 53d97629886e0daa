import XCTest
@testable import LanternUI

final class ScreenGridTests: XCTestCase {
    func testWideCharacterAtRightEdgeBecomesSpace() {
        var grid = ScreenGrid(width: 5, height: 1)
        grid.draw("ab注文", row: 0, column: 0)
        XCTAssertEqual(grid.rowText(0), "ab注 ")
        XCTAssertEqual(gridProblems(grid), [])
    }

    func testOverwritingHalfOfWideCharacter() {
        var grid = ScreenGrid(width: 6, height: 1)
        grid.draw("注文確", row: 0, column: 0)
        grid.draw("x", row: 0, column: 1)
        XCTAssertEqual(grid.rowText(0), " x文確")
        grid.draw("y", row: 0, column: 2)
        XCTAssertEqual(grid.rowText(0), " xy 確")
        XCTAssertEqual(gridProblems(grid), [])
    }

    func testControlsNeverReachCells() {
        var grid = ScreenGrid(width: 30, height: 1)
        grid.draw("a\u{1B}[2J\u{202E}b\u{7}", row: 0, column: 0)
        XCTAssertEqual(grid.rowText(0), "a^[[2J<U+202E>b^G" + String(repeating: " ", count: 13))
        XCTAssertEqual(gridProblems(grid), [])
    }

    func testClippingAndOutOfRangeDraws() {
        var grid = ScreenGrid(width: 4, height: 2)
        XCTAssertEqual(grid.draw("abcdef", row: 0, column: 2), 2)
        XCTAssertEqual(grid.draw("abc", row: 5, column: 0), 0)
        XCTAssertEqual(grid.draw("abc", row: 1, column: -2), 1)
        XCTAssertEqual(grid.text, "  ab\nc   ")
    }

    func testMaxWidthLimitsDraw() {
        var grid = ScreenGrid(width: 10, height: 1)
        grid.draw("abcdef", row: 0, column: 1, maxWidth: 3)
        XCTAssertEqual(grid.rowText(0), " abc      ")
    }

    func testZeroSizedGrid() {
        var grid = ScreenGrid(width: 0, height: 0)
        grid.draw("x", row: 0, column: 0)
        XCTAssertEqual(grid.cells.count, 0)
    }
}
