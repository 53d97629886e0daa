import LanternDarknet
import LanternStore
import LanternTriage
import XCTest

@testable import LanternUI

/// The Subnets screen rendered into a grid and driven by keys, on a synthetic timeline.
final class SubnetScreenTests: XCTestCase {
    func makeTimeline(rows: Int, days: Int) -> SubnetTimeline {
        Self.syntheticTimeline(rows: rows, days: days)
    }

    /// `rows` subnets 10.0.0.0/16, 10.1.0.0/16, … over `days` days; row r is in prototype r % 3,
    /// except that row 2 moves to prototype 4 on the last day, where it is flagged.
    static func syntheticTimeline(rows: Int, days: Int, reason: String = "rare transition (P = 0.063%)") -> SubnetTimeline {
        var cells = [UInt8](repeating: 0, count: rows * days)
        for row in 0..<rows {
            for day in 0..<days { cells[row * days + day] = UInt8(row % 3) }
        }
        cells[2 * days + days - 1] = 4
        cells[days] = 1 | 0x80  // row 1, day 0: a thin day
        let rowsData = (0..<rows).map { row -> SubnetTimeline.Row in
            let subnet = "\(10 + row / 256).\(row % 256).0.0/16"
            return SubnetTimeline.Row(subnet: subnet, block: CIDRBlock(subnet), windows: rows - row)
        }
        let flag = StoredFlag(version: 1, subnet: rowsData[2].subnet, day: 20_000 + days - 1, fromPrototype: 2, toPrototype: 4,
                              rarity: 3.2, reason: reason)
        let prototypes = (0..<5).map { StoredPrototype(index: $0, centroid: [], members: 10, description: "prototype \($0)") }
        return SubnetTimeline(
            rows: rowsData, firstDay: 20_000, dayCount: days, cells: cells, version: 1, prototypes: prototypes, descriptions: [],
            flags: [flag], signatureTitles: ["nas-5000-scan": "NAS admin scan on 5000/TCP"],
            counts: { subnet, day in
                var counts = SubnetDayCounts()
                counts.windows = 40
                counts.hosts = 2
                counts.packets = 55
                counts.cells[0] = 40
                counts.signatures = ["nas-5000-scan": 38]
                counts.ports = [5000: 50, 23: 5]
                return counts
            })
    }

    func testHeatmapDrawsGlyphsFlagAndLegend() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 5, days: 10), strings: .en, glyphs: .ascii)
        let grid = screen.render(width: 100, height: 20)
        XCTAssertTrue(grid.rowText(0).contains("subnets 5 × days 10"), grid.rowText(0))
        let row2 = (0..<grid.height).map(grid.rowText).first { $0.hasPrefix("10.2.0.0/16") } ?? ""
        XCTAssertTrue(row2.contains("222222222!"), "row with the flag: \(row2)")
        XCTAssertTrue(grid.text.contains("0=P0 1=P1 2=P2"), grid.text)
        XCTAssertTrue(grid.text.contains("Flags, newest first"))
    }

    func testSearchJumpsToFlaggedDayAndDetailShowsSignature() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 5, days: 10), strings: .en)
        _ = screen.handle(.character("/"))
        XCTAssertTrue(screen.capturesText)
        for character in "10.2.3.4" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.enter)
        XCTAssertEqual(screen.selectedRow, 2)
        XCTAssertEqual(screen.cursorDay, 9)
        _ = screen.handle(.enter)
        let text = screen.render(width: 100, height: 30).text
        XCTAssertTrue(text.contains("nas-5000-scan  38  NAS admin scan on 5000/TCP"), text)
        XCTAssertTrue(text.contains("Flagged: P2 → P4, rarity 3.20"), text)
        XCTAssertTrue(text.contains("tcp/5000 50"), text)
    }

    func testSearchRejectsTextThatIsNoAddress() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 3, days: 4), strings: .en)
        _ = screen.handle(.character("/"))
        for character in "nonsense" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.enter)
        XCTAssertEqual(screen.message, "'nonsense' is not an IP address or CIDR block, such as 203.0.113.0/24")
    }

    /// The line above the legend names a flagged cursor cell as flagged.
    func testCursorLineMarksFlaggedCell() throws {
        let timeline = Self.syntheticTimeline(rows: 5, days: 10, reason: "manual flag")
        let screen = SubnetScreen(timeline: timeline, strings: .en)
        let flag = try XCTUnwrap(timeline.flags.first)
        let row = try XCTUnwrap(timeline.row(ofSubnet: flag.subnet))
        screen.moveCursor(toPosition: screen.rowOrder.firstIndex(of: row) ?? 0, day: flag.day - timeline.firstDay)
        let grid = screen.render(width: 120, height: 30)
        let line = (0..<grid.height).map { grid.rowText($0) }.first { $0.contains(flag.subnet + " ") && $0.contains(": ") } ?? ""
        XCTAssertTrue(line.contains(Strings.en(.legendFlagged)), line)
    }

    /// `o` names the new order on the message line, which narrow screens keep when the status
    /// line drops its order segment.
    func testOrderKeyNamesNewOrder() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 3, days: 4), strings: .en)
        var seen: [String] = []
        for _ in SubnetTimeline.Order.allCases {
            _ = screen.handle(.character("o"))
            seen.append(screen.message ?? "")
        }
        XCTAssertEqual(seen, ["rows in address order", "rows in similarity order", "rows in activity order"])
        _ = screen.handle(.character("j"))
        XCTAssertNil(screen.message, "the next key clears it")
    }

    /// Ctrl-U clears the query as in a shell; other control keys are not typed into it.
    func testSearchCtrlUClearsAndControlsIgnored() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 3, days: 4), strings: .en)
        _ = screen.handle(.character("/"))
        for character in "10.0" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.character("\u{15}")), .redraw)
        XCTAssertEqual(screen.searchText, "")
        _ = screen.handle(.character("2"))
        XCTAssertEqual(screen.handle(.character("\u{01}")), .none)
        XCTAssertEqual(screen.searchText, "2")
    }

    func testScrollingLargeMatrixRendersOnlyVisibleWindow() {
        let timeline = makeTimeline(rows: 65_536, days: 365)
        let screen = SubnetScreen(timeline: timeline, strings: .en)
        let started = Date()
        for _ in 0..<200 {
            _ = screen.handle(.pageDown)
            _ = screen.handle(.left)
            _ = screen.render(width: 160, height: 50)
        }
        let perFrame = Date().timeIntervalSince(started) / 200
        print("65,536 × 365 matrix: \(String(format: "%.2f", perFrame * 1000)) ms per key and frame")
        XCTAssertLessThan(perFrame, 0.05, "a frame must not depend on the matrix size")
        _ = screen.handle(.end)
        XCTAssertEqual(screen.cursorDay, 364)
    }

    func testOrderCyclesAndSimilarListsTen() {
        let screen = SubnetScreen(timeline: makeTimeline(rows: 30, days: 6), strings: .en)
        _ = screen.handle(.character("o"))
        XCTAssertEqual(screen.order, .address)
        _ = screen.handle(.character("o"))
        XCTAssertEqual(screen.order, .similarity)
        _ = screen.handle(.character("r"))
        let text = screen.render(width: 100, height: 30).text
        XCTAssertTrue(text.contains("most like"), text)
        XCTAssertEqual(text.components(separatedBy: "of active days differ").count - 1, 10)
    }

    /// Rows alike in the similarity keys follow in numeric address order, not text order.
    func testSimilarityTiesInAddressOrder() {
        let subnets = ["8.120.0.0/16", "77.242.0.0/16", "135.94.0.0/16", "14.217.0.0/16"]
        let rows = subnets.map { SubnetTimeline.Row(subnet: $0, block: CIDRBlock($0), windows: 1) }
        let timeline = SubnetTimeline(
            rows: rows, firstDay: 20_000, dayCount: 2, cells: [UInt8](repeating: 3, count: 8), version: 1,
            prototypes: (0..<4).map { StoredPrototype(index: $0, centroid: [], members: 1, description: "p\($0)") }, descriptions: [],
            flags: [], signatureTitles: [:], counts: { _, _ in SubnetDayCounts() })
        XCTAssertEqual(timeline.ordering(.similarity).map { subnets[$0] }, ["8.120.0.0/16", "14.217.0.0/16", "77.242.0.0/16", "135.94.0.0/16"])
        XCTAssertEqual(timeline.ordering(.address), timeline.ordering(.similarity))
    }

    func testTabAndDigitsSwitchScreensButNotWhileSearching() {
        let review = ReviewScreen(review: PreviewReview(), strings: .en)
        let screens = AppScreens(review: review, subnets: SubnetScreen(timeline: makeTimeline(rows: 3, days: 4), strings: .en))
        XCTAssertEqual(screens.front, .review)
        _ = screens.handle(.tab)
        XCTAssertEqual(screens.front, .subnets)
        _ = screens.handle(.character("1"))
        XCTAssertEqual(screens.front, .review)
        _ = screens.handle(.character("2"))
        _ = screens.handle(.character("/"))
        _ = screens.handle(.character("1"))
        XCTAssertEqual(screens.front, .subnets, "digits go to the search field")
        XCTAssertEqual(screens.subnets.searchText, "1")
        XCTAssertTrue(screens.render(width: 100, height: 20).rowText(0).contains("2 Subnets"))
    }

    func testJapaneseCatalogueOnSubnetScreen() {
        let screen = SubnetScreen(timeline: nil, strings: .ja)
        let text = screen.render(width: 100, height: 20).text
        XCTAssertTrue(text.contains("lantern cluster"), text)
        XCTAssertTrue(text.contains("プロトタイプ"), text)
    }

    func testFlagReasonInScreenLanguage() {
        let reason = "rare transition (P = 0.063%); prototype visited by 0.5% of subnets"
        let expected: [Strings.Language: String] = [
            .en: "Flagged: P2 → P4, rarity 3.20 (rare transition (P = 0.063%); prototype visited by 0.5% of subnets)",
            .ja: "フラグ: P2 → P4、希少度 3.20(まれな遷移: P = 0.063%、移動先に入ったサブネット 0.5%)",
        ]
        for strings in [Strings.en, Strings.ja] {
            let screen = SubnetScreen(timeline: Self.syntheticTimeline(rows: 5, days: 10, reason: reason), strings: strings)
            _ = screen.handle(.character("f"))
            _ = screen.handle(.enter)
            let text = screen.render(width: 140, height: 30).text
            XCTAssertTrue(text.contains(expected[strings.language] ?? "?"), "\(strings.language):\n\(text)")
            if strings.language == .ja { XCTAssertFalse(text.contains("rare transition"), text) }
        }
    }

    /// At 80 columns the flag line is longer than the detail panel: it wraps instead of being cut.
    func testLongDetailLineWrapsAt80Columns() {
        let reason = "rare transition (P = 0.063%); prototype visited by 0.5% of subnets"
        let screen = SubnetScreen(timeline: Self.syntheticTimeline(rows: 5, days: 10, reason: reason), strings: .en)
        _ = screen.handle(.character("f"))
        _ = screen.handle(.enter)
        let rows = screen.render(width: 80, height: 24).text.split(separator: "\n").map(String.init)
        let start = rows.firstIndex { $0.contains("Flagged: P2 → P4") }
        XCTAssertNotNil(start, rows.joined(separator: "\n"))
        guard let start else { return }
        let flagText = rows[start...].prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(flagText.contains("visited by 0.5% of subnets)"), flagText)
    }

    func testUnreadableFlagReasonShownAsStored() {
        let screen = SubnetScreen(timeline: Self.syntheticTimeline(rows: 5, days: 10, reason: "manual flag"), strings: .ja)
        XCTAssertEqual(screen.reasonText("manual flag"), "manual flag")
        XCTAssertEqual(screen.reasonText("rare transition (P = 2%)"), "まれな遷移: P = 2%")
    }
}
