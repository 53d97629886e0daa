import LanternTriage
import XCTest
@testable import LanternUI

final class ReviewScreenTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40), (40, 10), (20, 5), (1, 1), (3, 2), (200, 1), (10, 60), (41, 3)]

    func testEverySizeKeepsGridInvariants() {
        for strings in [Strings.en, Strings.ja] {
            for glyphs in GlyphSet.allCases {
                let screen = ReviewScreen(review: FakeReview(), strings: strings, glyphs: glyphs)
                for (width, height) in ReviewScreenTests.sizes {
                    let grid = screen.render(width: width, height: height)
                    XCTAssertEqual(gridProblems(grid), [], "\(strings.language) \(glyphs) \(width)x\(height)")
                }
            }
        }
    }

    func testHelpOverlayKeepsGridInvariants() {
        let screen = ReviewScreen(review: FakeReview(), strings: .ja)
        XCTAssertEqual(screen.handle(.character("?")), .redraw)
        for (width, height) in ReviewScreenTests.sizes {
            XCTAssertEqual(gridProblems(screen.render(width: width, height: height)), [], "\(width)x\(height)")
        }
    }

    func testHostileStringsShownEscaped() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.handle(.down)
        let text = screen.render(width: 120, height: 40).text
        XCTAssertTrue(text.contains("198.51.100.7^[[2J^[]0;pwned^G"), text)
        XCTAssertTrue(text.contains("<U+202E>exe.txt<U+2066>"), text)
        XCTAssertTrue(text.contains("iat^[[31m mean"), text)
    }

    /// At 80 columns the key bar keeps every labelling key, undo included, in both languages.
    func testKeyBarKeepsUndoAt80Columns() {
        for strings in [Strings.en, Strings.ja] {
            let grid = ReviewScreen(review: FakeReview(), strings: strings).render(width: 80, height: 24)
            let bar = grid.rowText(23)
            for action in [StringKey.actionBackscatterShort, .actionNotBackscatterShort, .actionSkipShort, .actionUndoShort, .actionQuitShort] {
                XCTAssertTrue(bar.contains(strings(action)), "\(strings.language) key bar lacks \(strings(action)): \(bar)")
            }
        }
    }

    /// A 39-character IPv6 host among the loaded items must not squeeze the reason to a few
    /// cells at 80 columns. The host column gives up cells first, down to an IPv4 address's 15.
    func testLongHostLeavesReasonRoomAt80Columns() {
        let review = FakeReview()
        review.queue[0].host = "2001:0db8:85a3:0000:0000:8a2e:0370:7334"
        let screen = ReviewScreen(review: review, strings: .en)
        let columns = screen.queueColumns(width: 80)
        XCTAssertGreaterThanOrEqual(columns.reason, 19, "\(columns)")
        XCTAssertGreaterThanOrEqual(columns.host, 15, "\(columns)")
        XCTAssertGreaterThan(columns.service, 0, "the service column stays: \(columns)")
        let wide = screen.queueColumns(width: 160)
        XCTAssertEqual(wide.host, 39, "a wide screen shows the whole host: \(wide)")
    }

    func testStatusLineShowsModelVersion() {
        for strings in [Strings.en, Strings.ja] {
            let screen = ReviewScreen(review: FakeReview(), strings: strings)
            for (width, height) in [(80, 24), (120, 40), (40, 10)] {
                let status = screen.render(width: width, height: height).rowText(0)
                XCTAssertTrue(status.contains("v6"), "\(width)x\(height): \(status)")
            }
        }
    }

    func testStatusLineShowsTrainingCountsWhenWide() {
        let status = ReviewScreen(review: FakeReview(), strings: .en).render(width: 160, height: 40).rowText(0)
        XCTAssertTrue(status.contains("model v6 active (linear C=1^[[5m)"), status)
        XCTAssertTrue(status.contains("mechanical 6869 b / 411 n, analyst 3 b / 2 n"), status)
        XCTAssertTrue(status.contains("queue 6"), status)
        XCTAssertTrue(status.contains("alerts 1"), status)
    }

    func testJapaneseScreenUsesCatalogue() {
        let text = ReviewScreen(review: FakeReview(), strings: .ja).render(width: 120, height: 40).text
        XCTAssertTrue(text.contains("モデル版 v6"), text)
        XCTAssertTrue(text.contains("判定待ち 6"), text)
        XCTAssertTrue(text.contains("b バックスキャッター"), text)
        XCTAssertTrue(text.contains("境界付近の判定"), text)
    }

    /// Every screen shows the same notice, wrapped at word boundaries, in both languages.
    func testTooSmallNoticeSameOnEveryScreen() {
        for (strings, start) in [(Strings.en, "Window too small:"), (.ja, "画面が小さすぎます")] {
            let renders: [(String, ScreenGrid)] = [
                ("review", ReviewScreen(review: FakeReview(), strings: strings).render(width: 30, height: 6)),
                ("subnets", SubnetScreen(timeline: SubnetScreenTests.syntheticTimeline(rows: 5, days: 10), strings: strings)
                    .render(width: 30, height: 6)),
                ("mail", MailScreen(review: FakeMailReview(), strings: strings).render(width: 30, height: 6)),
            ]
            let expected = renders[0].1.text
            XCTAssertTrue(expected.contains(start), expected)
            for (name, grid) in renders { XCTAssertEqual(grid.text, expected, name) }
        }
        let english = ReviewScreen(review: FakeReview(), strings: .en).render(width: 30, height: 6).text
        XCTAssertTrue(english.contains("Window too small: needs at"), "words stay whole: \(english)")
    }

    func testTooSmallNoticeAndRecovery() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        let small = screen.render(width: 20, height: 5).text
        XCTAssertTrue(small.contains("Window too small"), small)
        XCTAssertFalse(small.contains("203.0.113.5"))
        XCTAssertEqual(screen.handle(.resize), .redraw)
        let large = screen.render(width: 80, height: 24).text
        XCTAssertTrue(large.contains("203.0.113.5"), large)
    }

    func testBackscatterLabelsOnceThenMovesAndShowsSaved() throws {
        let review = FakeReview()
        let screen = ReviewScreen(review: review, strings: .en)
        let before = screen.render(width: 80, height: 24)
        XCTAssertFalse(before.text.contains("saved:"), "no saved line before a receipt")
        XCTAssertEqual(screen.selectedItem?.windowID, 100)

        XCTAssertEqual(screen.handle(.character("b")), .redraw)

        XCTAssertEqual(review.labelCalls.count, 1)
        XCTAssertEqual(review.labelCalls.first?.windowID, 100)
        XCTAssertEqual(review.labelCalls.first?.label, .backscatter)
        XCTAssertEqual(screen.selectedItem?.windowID, 101, "moves to the next item after the receipt")
        let after = screen.render(width: 80, height: 24)
        XCTAssertEqual(after.rowText(22).trimmingSpaces(), "saved: 203.0.113.5 → backscatter (model v7)")
        XCTAssertTrue(after.rowText(0).contains("v7"))
    }

    func testNotBackscatterLabel() {
        let review = FakeReview()
        let screen = ReviewScreen(review: review, strings: .ja)
        _ = screen.handle(.character("n"))
        XCTAssertEqual(review.labelCalls.first?.label, .notBackscatter)
        let line = screen.render(width: 80, height: 24).rowText(22)
        XCTAssertTrue(line.contains("保存しました: 203.0.113.5 → 非バックスキャッター"), line)
    }

    func testFailingLabelShowsErrorAndKeepsCursor() {
        let review = FakeReview()
        review.labelError = FakeReview.StoreFailure()
        let screen = ReviewScreen(review: review, strings: .en)
        _ = screen.handle(.down)
        XCTAssertEqual(screen.handle(.character("b")), .redraw)

        XCTAssertEqual(review.labelCalls.count, 1)
        XCTAssertEqual(screen.selectedItem?.windowID, 101, "selection stays on the failed item")
        XCTAssertEqual(screen.items.count, 6)
        let line = screen.render(width: 120, height: 40).rowText(38).trimmingSpaces()
        XCTAssertEqual(line, "not saved: label for 198.51.100.7^[[2J^[]0;pwned^G failed: database is locked")
        XCTAssertFalse(screen.render(width: 120, height: 40).text.contains("→ backscatter"), "no saved line without a receipt")
    }

    func testUndoRestoresAndSelectsItem() {
        let review = FakeReview()
        let screen = ReviewScreen(review: review, strings: .en)
        _ = screen.handle(.character("b"))
        XCTAssertEqual(screen.items.count, 5)
        _ = screen.handle(.down)
        XCTAssertEqual(screen.handle(.character("u")), .redraw)

        XCTAssertEqual(review.undoCalls, 1)
        XCTAssertEqual(screen.items.count, 6)
        XCTAssertEqual(screen.selectedItem?.windowID, 100)
        XCTAssertTrue(screen.render(width: 80, height: 24).rowText(22).contains("undone: label for 203.0.113.5 withdrawn"))
    }

    func testUndoWithNothingToUndo() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.handle(.character("u"))
        XCTAssertEqual(screen.message, .info("nothing to undo: no label in this session"))
    }

    func testSkipMovesOnWithoutLabel() {
        let review = FakeReview()
        let screen = ReviewScreen(review: review, strings: .en)
        _ = screen.handle(.character("s"))
        XCTAssertEqual(review.skipCalls, [100])
        XCTAssertEqual(review.labelCalls.count, 0)
        XCTAssertEqual(screen.selectedItem?.windowID, 101)
    }

    func testNavigationKeys() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.render(width: 80, height: 24)
        XCTAssertEqual(screen.handle(.character("j")), .redraw)
        XCTAssertEqual(screen.selectedIndex, 1)
        XCTAssertEqual(screen.handle(.character("k")), .redraw)
        XCTAssertEqual(screen.handle(.up), .none, "already at the top")
        _ = screen.handle(.character("G"))
        XCTAssertEqual(screen.selectedIndex, 5)
        _ = screen.handle(.character("g"))
        XCTAssertEqual(screen.selectedIndex, 0)
        _ = screen.handle(.pageDown)
        XCTAssertEqual(screen.selectedIndex, 5, "a page at 80x24 shows 7 queue rows, more than the 6 items, so it stops on the last")
        _ = screen.handle(.pageUp)
        XCTAssertEqual(screen.selectedIndex, 0)
        XCTAssertEqual(screen.handle(.character("q")), .quit)
    }

    func testSelectionStaysVisibleWhenScrolling() {
        let screen = ReviewScreen(review: FakeReview(itemCount: 30), strings: .en)
        _ = screen.render(width: 80, height: 24)
        for _ in 0..<10 { _ = screen.handle(.down) }
        let grid = screen.render(width: 80, height: 24)
        let selectedRows = (0..<grid.height).filter { grid[row: $0, column: 1].role == .selection }
        XCTAssertEqual(selectedRows.count, 1)
    }

    func testEmptyQueue() {
        let screen = ReviewScreen(review: FakeReview(itemCount: 0), strings: .en)
        XCTAssertEqual(screen.handle(.character("b")), .none)
        let grid = screen.render(width: 80, height: 24)
        XCTAssertTrue(grid.text.contains("The review queue is empty"))
        XCTAssertEqual(gridProblems(grid), [])
    }

    func testKeyBarGeneratedFromKeyMap() {
        let bar = ReviewScreen(review: FakeReview(), strings: .en).render(width: 80, height: 24).rowText(23)
        XCTAssertEqual(bar.trimmingSpaces(), "b backscatter  n not  s skip  u undo  ? help  q quit")
    }

    func testHelpListsEveryBinding() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en)
        _ = screen.handle(.character("?"))
        let text = screen.render(width: 100, height: 30).text
        for entry in KeyMap.review.helpEntries(.en) {
            XCTAssertTrue(text.contains(entry.text), entry.text)
        }
        XCTAssertEqual(screen.handle(.escape), .redraw)
        XCTAssertFalse(screen.showingHelp)
    }

    func testNoticesShownUntilFirstKey() {
        let screen = ReviewScreen(review: FakeReview(), strings: .en, notices: ["Themes/x.theme:3: unknown role 'foo'."])
        XCTAssertTrue(screen.render(width: 80, height: 24).rowText(22).contains("x.theme:3"))
        _ = screen.handle(.character("x"))
        XCTAssertFalse(screen.render(width: 80, height: 24).rowText(22).contains("x.theme:3"))
    }

    func testFullWidthKeyFromInputMethodLabels() {
        let review = FakeReview()
        let screen = ReviewScreen(review: review, strings: .ja)
        _ = screen.handle(Key.typed("ｂ"))
        XCTAssertEqual(review.labelCalls.first?.label, .backscatter)
    }
}
