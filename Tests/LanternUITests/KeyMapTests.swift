import XCTest
@testable import LanternUI

final class KeyMapTests: XCTestCase {
    func testReviewBindings() {
        let map = KeyMap.review
        let expected: [(Key, ReviewAction)] = [
            (.up, .moveUp), (.character("k"), .moveUp), (.down, .moveDown), (.character("j"), .moveDown),
            (.pageUp, .pageUp), (.pageDown, .pageDown), (.character("g"), .top), (.character("G"), .bottom),
            (.character("b"), .labelBackscatter), (.character("n"), .labelNotBackscatter), (.character("s"), .skip),
            (.character("u"), .undo), (.character("?"), .toggleHelp), (.character("q"), .quit),
        ]
        for (key, action) in expected {
            XCTAssertEqual(map.action(for: key), action, "\(key)")
        }
    }

    func testReservedKeysUnbound() {
        for key in Key.screenSwitchKeys {
            XCTAssertNil(KeyMap.review.action(for: key), "\(key)")
        }
    }

    func testEveryActionHasABinding() {
        let bound = Set(KeyMap.review.bindings.map(\.action))
        XCTAssertEqual(bound, Set(ReviewAction.allCases))
    }

    func testKeyBarEntriesFollowTable() {
        let entries = KeyMap.review.keyBarEntries(.en).map { $0.keys + " " + $0.label }
        XCTAssertEqual(entries, ["b backscatter", "n not", "s skip", "u undo", "? help", "q quit"])
    }

    func testTypedKeys() {
        XCTAssertEqual(Key.typed("\u{1B}"), .escape)
        XCTAssertEqual(Key.typed("\t"), .tab)
        XCTAssertEqual(Key.typed("ｑ"), .character("q"))
        XCTAssertEqual(Key.typed("あ"), .character("あ"))
    }
}
