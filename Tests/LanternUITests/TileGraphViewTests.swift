import LanternTriage
import XCTest
@testable import LanternUI

final class TileGraphViewTests: XCTestCase {
    func view(glyphs: GlyphSet = .ascii) throws -> (TileGraphView, TileGraph) {
        let review = FakeReview()
        let graph = try review.tileGraph(for: review.queue[0])
        return (TileGraphView(graph: graph, values: review.queue[0].features, strings: .en, glyphs: glyphs), graph)
    }

    func testShadeGlyphsCarrySign() {
        XCTAssertEqual(Shade.feature(0.9, glyphs: .ascii).glyph, "#")
        XCTAssertEqual(Shade.feature(-0.9, glyphs: .ascii).glyph, "=")
        XCTAssertEqual(Shade.feature(0.3, glyphs: .ascii).glyph, "+")
        XCTAssertEqual(Shade.feature(-0.3, glyphs: .ascii).glyph, "'")
        XCTAssertEqual(Shade.feature(0.1, glyphs: .ascii).glyph, ".")
        XCTAssertEqual(Shade.feature(.nan, glyphs: .unicode).glyph, " ")
        XCTAssertEqual(Shade.feature(1, glyphs: .unicode).role, .tileBackscatter3)
        XCTAssertEqual(Shade.feature(-1, glyphs: .unicode).role, .tileNot3)
    }

    func testCountShadesRiseWithQuantity() {
        XCTAssertEqual(Shade.count(0, maximum: 100, glyphs: .unicode).glyph, " ")
        XCTAssertEqual(Shade.count(1, maximum: 100, glyphs: .unicode).glyph, "░")
        XCTAssertEqual(Shade.count(100, maximum: 100, glyphs: .unicode).glyph, "█")
    }

    func testNarrowPanelShowsRecentColumns() throws {
        let (view, graph) = try view()
        var grid = ScreenGrid(width: 30, height: 20)
        view.draw(into: &grid, in: Rect(x: 0, y: 0, width: 30, height: 20))
        let columns = view.visibleColumns(count: graph.columnStarts.count, width: 30 - 17)
        XCTAssertEqual(columns.range.upperBound, graph.columnStarts.count, "ends at the most recent window")
        let marked = (0..<grid.width).filter { grid[row: 1, column: $0].marked }
        XCTAssertEqual(marked.count, columns.cellWidth, "one column is marked")
        XCTAssertEqual(gridProblems(grid), [])
    }

    func testSelectedOlderColumnStaysVisible() throws {
        var (view, graph) = try view()
        graph.selectedColumn = 0
        view.graph = graph
        XCTAssertEqual(view.visibleColumns(count: 12, width: 5).range, 0..<5)
    }

    func testLegendExplainsShades() throws {
        let (view, _) = try view(glyphs: .unicode)
        var grid = ScreenGrid(width: 100, height: 24)
        view.draw(into: &grid, in: Rect(x: 0, y: 0, width: 100, height: 24))
        let text = grid.text
        XCTAssertTrue(text.contains("▒▓█ backscatter-like"), text)
        XCTAssertTrue(text.contains("-=≡ not-backscatter-like"), text)
        XCTAssertTrue(text.contains("blank: no window"), text)
        XCTAssertTrue(text.contains("packets (max 6)"), text)
        XCTAssertTrue(text.contains("destination blocks × windows"), text)
    }

    func testShortPanelSaysRowsHidden() throws {
        let (view, _) = try view()
        var grid = ScreenGrid(width: 40, height: 6)
        view.draw(into: &grid, in: Rect(x: 0, y: 0, width: 40, height: 6))
        XCTAssertTrue(grid.text.contains("+12 rows hidden"), grid.text)
    }
}
