import XCTest
@testable import LanternUI

final class KeyRebindingTests: XCTestCase {
    private func config(_ text: String) -> Config {
        let (config, errors) = Config.parse(text, path: "c")
        XCTAssertEqual(errors, [], "the parse step should accept: \(text)")
        return config
    }

    func testConfigNamesAreKebabCase() {
        XCTAssertEqual(ReviewAction.labelBackscatter.configName, "label-backscatter")
        XCTAssertEqual(ReviewAction.toggleHelp.configName, "toggle-help")
        XCTAssertEqual(SubnetAction.firstDay.configName, "first-day")
        XCTAssertEqual(ReviewAction.named("label-not-backscatter"), .labelNotBackscatter)
    }

    func testRebindReplacesAllKeys() {
        let (map, errors) = KeyMap.review.applying(config("key review.label-backscatter = x"))
        XCTAssertEqual(errors, [])
        XCTAssertEqual(map.action(for: .character("x")), .labelBackscatter)
        XCTAssertNil(map.action(for: .character("b")))
        XCTAssertEqual(map.keys(for: .labelBackscatter), [.character("x")])
        XCTAssertEqual(KeyMap.review.action(for: .character("b")), .labelBackscatter, "the default table is unchanged")
    }

    func testSwapBothLinesWorks() {
        let (map, errors) = KeyMap.review.applying(config("key review.label-backscatter = n\nkey review.label-not-backscatter = b"))
        XCTAssertEqual(errors, [])
        XCTAssertEqual(map.action(for: .character("n")), .labelBackscatter)
        XCTAssertEqual(map.action(for: .character("b")), .labelNotBackscatter)
    }

    func testConflictWithDefaultKeepsDefault() {
        let (map, errors) = KeyMap.review.applying(config("key review.skip = n"))
        XCTAssertEqual(errors, [ConfigError(.conflict(screen: "review", action: "skip", key: "n", other: "label-not-backscatter"),
                                            at: ConfigError.Location(path: "c", line: 1))])
        XCTAssertEqual(map, KeyMap.review)
    }

    func testConflictBetweenLinesSkipsLater() {
        let (map, errors) = KeyMap.review.applying(config("key review.skip = x\nkey review.undo = x"))
        XCTAssertEqual(errors.map(\.location.line), [2])
        XCTAssertEqual(map.action(for: .character("x")), .skip)
        XCTAssertEqual(map.keys(for: .undo), [.character("u")])
    }

    func testChainedConflictResolvesToDefaults() {
        // Line 2 is skipped first, because b is the backscatter key. Then line 1 takes u, which
        // undo has again, so it is skipped too.
        let (map, errors) = KeyMap.review.applying(config("key review.skip = u\nkey review.undo = b"))
        XCTAssertEqual(errors.map(\.location.line), [1, 2])
        XCTAssertEqual(map, KeyMap.review)
    }

    func testUnknownActionNamed() {
        let (map, errors) = KeyMap.review.applying(config("key review.labl-backscatter = x"))
        XCTAssertEqual(map, KeyMap.review)
        guard case .unknownAction(let screen, let action, let actions, let nearest)? = errors.first?.kind else {
            return XCTFail("expected an unknown-action error, got \(errors)")
        }
        XCTAssertEqual(screen, "review")
        XCTAssertEqual(action, "labl-backscatter")
        XCTAssertEqual(actions, ReviewAction.allCases.map(\.configName))
        XCTAssertEqual(nearest, "label-backscatter")
    }

    func testOtherScreensLinesIgnored() {
        let parsed = config("key subnets.similar = R\nkey review.skip = S")
        XCTAssertEqual(KeyMap.review.applying(parsed).map.keys(for: .skip), [.character("S")])
        XCTAssertEqual(KeyMap.subnets.applying(parsed).map.keys(for: .similar), [.character("R")])
        XCTAssertEqual(KeyMap.subnets.applying(parsed).errors, [])
    }

    func testSameKeyOnTwoScreensAllowed() {
        let parsed = config("key review.skip = x\nkey subnets.similar = x")
        XCTAssertEqual(KeyMap.review.applying(parsed).map.action(for: .character("x")), .skip)
        XCTAssertEqual(KeyMap.subnets.applying(parsed).map.action(for: .character("x")), .similar)
    }

    func testReviewScreenUsesBindingsInForce() {
        let (map, _) = KeyMap.review.applying(config("key review.label-backscatter = x\nkey review.toggle-help = h"))
        let screen = ReviewScreen(review: FakeReview(), strings: .en, keyMap: map)
        XCTAssertEqual(screen.render(width: 80, height: 24).rowText(23).trimmingSpaces(),
                       "x backscatter  n not  s skip  u undo  h help  q quit")
        XCTAssertEqual(screen.handle(.character("b")), .none, "the old key does nothing")
        XCTAssertEqual(screen.handle(.character("h")), .redraw)
        let help = screen.render(width: 100, height: 30)
        XCTAssertTrue(help.text.contains("h or Esc closes this help"), help.text)
        let row = (0..<help.height).map(help.rowText).first { $0.contains("Label the window backscatter") } ?? ""
        XCTAssertEqual(row.trimmingSpaces().first, "x", row)
    }

    func testKeyConfigNamesRoundTrip() {
        for (name, key) in Key.configNames {
            XCTAssertEqual(Key.parseConfigName(name), key, name)
            XCTAssertEqual(key.configName, name)
        }
        XCTAssertEqual(Key.parseConfigName("x"), .character("x"))
        XCTAssertNil(Key.parseConfigName("F1"))
        XCTAssertNil(Key.parseConfigName("\u{202E}"))
    }

    func testSpaceKeyNamedInBarAndHelp() {
        for strings in [Strings.en, Strings.ja] {
            let (map, errors) = KeyMap.review.applying(config("key review.skip = space"))
            XCTAssertEqual(errors, [])
            let screen = ReviewScreen(review: FakeReview(), strings: strings, keyMap: map)
            let bar = screen.render(width: 120, height: 24).rowText(23)
            XCTAssertTrue(bar.contains("Space " + strings(.actionSkipShort)), "\(strings.language): \(bar)")
            _ = screen.handle(.character("?"))
            let help = screen.render(width: 100, height: 30)
            let row = (0..<help.height).map(help.rowText).first { $0.contains(strings(.actionSkip)) } ?? ""
            XCTAssertEqual(row.trimmingSpaces().split(separator: " ").first, "Space", "\(strings.language): \(row)")
        }
    }

    func testEveryNamedKeyHasVisibleName() {
        for strings in [Strings.en, Strings.ja] {
            for (name, key) in Key.configNames {
                let shown = key.displayName(strings)
                XCTAssertFalse(shown.trimmingCharacters(in: .whitespaces).isEmpty, "\(name) in \(strings.language)")
                XCTAssertEqual(shown, shown.trimmingCharacters(in: .whitespaces), "\(name) in \(strings.language)")
            }
        }
        XCTAssertEqual(Key.character("\u{A0}").displayName(.en), "U+00A0", "another blank character shows its code point")
    }

    func testIdeographicSpaceTypesSpace() {
        XCTAssertEqual(Key.typed("\u{3000}"), .character(" "), "the space bar with a Japanese input method on")
        XCTAssertEqual(Key.parseConfigName("\u{3000}"), .character(" "))
    }
}
