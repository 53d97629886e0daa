import XCTest
@testable import LanternUI

final class ReviewScreenMouseTests: XCTestCase {
    func testClickSelectsQueueRow() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.render(width: 80, height: 24)
        guard let area = screen.queueArea else { return XCTFail("no queue drawn") }
        // Row area.y is the header, and the first item is on the row below it.
        XCTAssertNil(screen.queueIndex(atColumn: 5, row: area.y))
        XCTAssertEqual(screen.queueIndex(atColumn: 5, row: area.y + 1), 0)
        XCTAssertEqual(screen.queueIndex(atColumn: 5, row: area.y + 3), 2)
        XCTAssertEqual(screen.handleClick(column: 5, row: area.y + 3), .redraw)
        XCTAssertEqual(screen.selectedIndex, 2)
        XCTAssertEqual(screen.handleClick(column: 5, row: area.y + 3), .none, "already selected")
    }

    func testClickBelowLastItemSelectsNothing() {
        let screen = ReviewScreen(review: FakeReview(itemCount: 2), strings: .en)
        _ = screen.render(width: 80, height: 24)
        guard let area = screen.queueArea else { return XCTFail("no queue drawn") }
        XCTAssertNil(screen.queueIndex(atColumn: 5, row: area.y + 3))
        XCTAssertNil(screen.queueIndex(atColumn: 5, row: 23), "key bar")
        XCTAssertNil(screen.queueIndex(atColumn: 80, row: area.y + 1), "right of the screen")
        XCTAssertEqual(screen.handleClick(column: 5, row: 20), .none)
        XCTAssertEqual(screen.selectedIndex, 0)
    }

    func testClickFollowsScrollOffset() {
        let screen = ReviewScreen(review: FakeReview(itemCount: 60), strings: .en)
        _ = screen.render(width: 80, height: 24)
        _ = screen.perform(.bottom)
        _ = screen.render(width: 80, height: 24)
        guard let area = screen.queueArea else { return XCTFail("no queue drawn") }
        XCTAssertGreaterThan(screen.scrollOffset, 0)
        XCTAssertEqual(screen.queueIndex(atColumn: 1, row: area.y + 1), screen.scrollOffset)
    }

    func testNoQueueRowsUnderHelpOrTooSmall() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.handle(.character("?"))
        _ = screen.render(width: 80, height: 24)
        XCTAssertNil(screen.queueIndex(atColumn: 5, row: 3), "help covers the queue")
        _ = screen.handle(.character("?"))
        _ = screen.render(width: 20, height: 5)
        XCTAssertNil(screen.queueIndex(atColumn: 5, row: 3), "too small to draw the queue")
    }

    func testClickClearsNotices() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en, notices: ["c:1: unknown setting 'x'."])
        _ = screen.render(width: 80, height: 24)
        XCTAssertEqual(screen.handleClick(column: 0, row: 23), .redraw)
        XCTAssertEqual(screen.notices, [])
    }

    func testAppScreensRouteClickToFront() {
        let review = ReviewScreen(review: FakeReview(), strings: .en)
        let screens = AppScreens(review: review, subnets: SubnetScreen(timeline: nil, strings: .en))
        _ = screens.render(width: 80, height: 24)
        guard let area = review.queueArea else { return XCTFail("no queue drawn") }
        XCTAssertEqual(screens.handleClick(column: 2, row: area.y + 2), .redraw)
        XCTAssertEqual(review.selectedIndex, 1)
        _ = screens.handle(.tab)
        XCTAssertEqual(screens.handleClick(column: 2, row: area.y + 1), .none, "the Subnets screen has no timeline")
        XCTAssertEqual(review.selectedIndex, 1)
    }
}
