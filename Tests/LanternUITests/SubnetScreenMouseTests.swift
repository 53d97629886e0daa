import XCTest

@testable import LanternUI

/// Clicks and rebound keys on the Subnets screen, on `SubnetScreenTests`' synthetic timeline.
extension SubnetScreenTests {
    func testClickSelectsHeatmapCell() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 30, days: 40), strings: .en)
        _ = screen.render(width: 80, height: 24)
        guard let (rect, label) = screen.heatmapArea else { return XCTFail("no heatmap drawn") }
        XCTAssertEqual(rect.y, 1)
        XCTAssertEqual(label, SubnetScreen.labelWidth)

        // Map row 2 is the third position, and column label + 1 + 5 is the sixth visible day.
        let column = rect.x + label + 1 + 5
        let row = rect.y + 1 + 2
        let expected = (position: screen.topRow + 2, day: screen.leftDay + 5)
        XCTAssertEqual(screen.heatmapCell(atColumn: column, row: row)?.position, expected.position)
        XCTAssertEqual(screen.heatmapCell(atColumn: column, row: row)?.day, expected.day)
        XCTAssertEqual(screen.handleClick(column: column, row: row), .redraw)
        XCTAssertEqual(screen.cursorRow, expected.position)
        XCTAssertEqual(screen.cursorDay, expected.day)
        XCTAssertEqual(screen.handleClick(column: column, row: row), .none, "a second click on the same cell changes nothing")
    }

    func testClickOnSubnetColumnSelectsSubnet() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 30, days: 40), strings: .en)
        _ = screen.render(width: 80, height: 24)
        XCTAssertEqual(screen.handleClick(column: 3, row: 2), .redraw)
        XCTAssertEqual(screen.cursorRow, screen.topRow)
        XCTAssertEqual(screen.cursorDay, -1)
    }

    func testClickOffHeatmapSelectsNothing() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 3, days: 10), strings: .en)
        _ = screen.render(width: 80, height: 24)
        let before = (screen.cursorRow, screen.cursorDay)
        let label = SubnetScreen.labelWidth
        let misses = [
            (column: 5, row: 0, reason: "status line"),
            (column: 5, row: 1, reason: "day ruler"),
            (column: 5, row: 2 + 3, reason: "below the last subnet"),
            (column: label + 1 + 10, row: 2, reason: "past the last day"),
            (column: 5, row: 23, reason: "key bar"),
            (column: -1, row: 2, reason: "left of the screen"),
        ]
        for miss in misses {
            XCTAssertNil(screen.heatmapCell(atColumn: miss.column, row: miss.row), miss.reason)
            XCTAssertEqual(screen.handleClick(column: miss.column, row: miss.row), .none, miss.reason)
        }
        XCTAssertEqual(screen.cursorRow, before.0)
        XCTAssertEqual(screen.cursorDay, before.1)
    }

    func testClickIgnoredUnderOverlayAndBeforeRender() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 30, days: 40), strings: .en)
        XCTAssertNil(screen.heatmapCell(atColumn: 25, row: 3), "nothing drawn yet")
        _ = screen.handle(.character("?"))
        _ = screen.render(width: 80, height: 24)
        XCTAssertNil(screen.heatmapCell(atColumn: 25, row: 3), "help covers the heatmap")
        XCTAssertNil(SubnetScreen(timeline: nil, strings: .en).heatmapCell(atColumn: 25, row: 3))
    }

    func testClickFollowsScrolling() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 200, days: 40), strings: .en)
        _ = screen.render(width: 80, height: 24)
        for _ in 0..<3 { _ = screen.handle(.pageDown) }
        _ = screen.render(width: 80, height: 24)
        XCTAssertGreaterThan(screen.topRow, 0)
        XCTAssertEqual(screen.heatmapCell(atColumn: 3, row: 2)?.position, screen.topRow)
    }

    func testHelpShowsReboundKeys() {
        let (config, errors) = Config.parse("key subnets.similar = R\nkey subnets.first-day = home g", path: "c")
        XCTAssertEqual(errors, [])
        let (map, rebindErrors) = KeyMap.subnets.applying(config)
        XCTAssertEqual(rebindErrors, [])
        let screen = SubnetScreen(timeline: makeTimeline(rows: 5, days: 10), strings: .en, keyMap: map)
        XCTAssertTrue(screen.render(width: 120, height: 30).rowText(29).contains("R similar"))
        XCTAssertEqual(screen.handle(.character("r")), .none, "the old key does nothing")
        XCTAssertEqual(screen.handle(.character("?")), .redraw)
        let text = screen.render(width: 120, height: 30).text
        // The key column is as wide as the widest keys ("Right l"), as on the other screens.
        XCTAssertTrue(text.contains("  Home g   Move the cursor to the first day"), text)
        XCTAssertTrue(text.contains("  R        List the ten subnets"), text)
        XCTAssertTrue(text.contains("  Right l  Move the cursor to the next day"), text)
        XCTAssertEqual(screen.handle(.escape), .redraw)
        XCTAssertEqual(screen.handle(.character("g")), .redraw)
        XCTAssertEqual(screen.cursorDay, 0)
    }
}
