import LanternTriage
import XCTest
@testable import LanternUI

/// The key bar of every screen: quit and help stay visible at every width, in both languages.
final class KeyBarTests: XCTestCase {
    func testVisibleEntriesDropUnpinnedFromRight() {
        let entries = [
            KeyBarEntry(keys: "b", label: "backscatter", isPinned: false), KeyBarEntry(keys: "n", label: "not", isPinned: false),
            KeyBarEntry(keys: "u", label: "undo", isPinned: false), KeyBarEntry(keys: "?", label: "help", isPinned: true),
            KeyBarEntry(keys: "q", label: "quit", isPinned: true),
        ]
        // " b backscatter  n not  u undo  ? help  q quit" is 45 cells; the last column stays blank.
        XCTAssertEqual(KeyBar.usedWidth(entries), 45)
        XCTAssertEqual(KeyBar.visibleEntries(entries, width: 46).map(\.keys), ["b", "n", "u", "?", "q"])
        XCTAssertEqual(KeyBar.visibleEntries(entries, width: 45).map(\.keys), ["b", "n", "?", "q"])
        XCTAssertEqual(KeyBar.visibleEntries(entries, width: 31).map(\.keys), ["b", "?", "q"])
        XCTAssertEqual(KeyBar.visibleEntries(entries, width: 30).map(\.keys), ["?", "q"])
        XCTAssertEqual(KeyBar.visibleEntries(entries, width: 10).map(\.keys), ["?", "q"], "pinned entries stay even when cut")
    }

    func testJapaneseReviewBarKeepsQuitAt80() {
        let bar = ReviewScreen(review: FakeReview(), strings: .ja).render(width: 80, height: 24).rowText(23)
        XCTAssertTrue(bar.contains("q 終了"), bar)
        XCTAssertTrue(bar.contains("? ヘルプ"), bar)
        XCTAssertTrue(bar.contains("b バックスキャッター"), bar)
    }

    func testQuitAndHelpAtEveryWidth() {
        for strings in [Strings.en, Strings.ja] {
            let screens: [(String, (Int) -> ScreenGrid)] = [
                ("review", { ReviewScreen(review: FakeReview(), strings: strings).render(width: $0, height: 24) }),
                ("mail", { MailScreen(review: FakeMailReview(), strings: strings).render(width: $0, height: 24) }),
                ("subnets", { SubnetScreen(timeline: SubnetScreenTests.syntheticTimeline(rows: 5, days: 10), strings: strings).render(width: $0, height: 24) }),
            ]
            let quit = "q " + strings(.actionQuitShort), help = "? " + strings(.actionHelpShort)
            for (name, render) in screens {
                for width in [40, 41, 60, 79, 80, 81, 100, 120] {
                    let bar = render(width).rowText(23)
                    XCTAssertTrue(bar.contains(quit), "\(strings.language) \(name) at \(width): \(bar)")
                    XCTAssertTrue(bar.contains(help), "\(strings.language) \(name) at \(width): \(bar)")
                    XCTAssertEqual(bar.last, " ", "the last column stays blank: \(strings.language) \(name) at \(width)")
                }
            }
        }
    }

    func testWideEnoughBarShowsEveryEntry() {
        let bar = ReviewScreen(review: FakeReview(), strings: .ja).render(width: 120, height: 24).rowText(23)
        for entry in KeyMap.review.keyBarEntries(.ja) {
            XCTAssertTrue(bar.contains(entry.keys + " " + entry.label), "\(entry.label): \(bar)")
        }
    }
}
