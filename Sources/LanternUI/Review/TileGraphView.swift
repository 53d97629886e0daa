import LanternTriage

/// A view that draws a host's tile graph in two panels and a legend.
///
/// Panel (a) has one row per feature and one column per window. Each cell is shaded by where
/// the value sits between the non-backscatter (-1) and backscatter (+1) training means, and
/// the selected item's feature values stand beside the rows. Panel (b) has one row per
/// destination block and one column per window, shaded by packet count.
///
/// Everything fits the rectangle it is given. When it is narrow, the most recent windows are
/// shown (and the selected one, if older); when it is short, the last row says how many rows
/// are hidden. Panel (b) sits right of (a) when the rectangle is at least
/// `sideBySideWidth` wide, below it when rows are left over, and is left out otherwise.
struct TileGraphView {
    var graph: TileGraph
    /// The selected item's feature values, in the order of `graph.featureNames`.
    var values: [Double]
    var strings: Strings
    var glyphs: GlyphSet

    static let sideBySideWidth = 64

    func draw(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        guard !graph.columnStarts.isEmpty || !graph.shades.isEmpty else {
            grid.draw(strings(.noTileData), row: rect.y, column: rect.x, maxWidth: rect.width, role: .dim)
            return
        }
        if rect.width >= TileGraphView.sideBySideWidth {
            let rightWidth = min(44, max(28, rect.width * 2 / 5))
            let left = Rect(x: rect.x, y: rect.y, width: rect.width - rightWidth - 1, height: rect.height)
            let right = Rect(x: left.maxX + 1, y: rect.y, width: rightWidth, height: rect.height)
            drawFeatures(into: &grid, in: left)
            let legendRows = legendLayout(width: right.width).count
            let destinationHeight = max(0, right.height - legendRows)
            drawDestinations(into: &grid, in: Rect(x: right.x, y: right.y, width: right.width, height: destinationHeight))
            drawLegend(into: &grid, in: Rect(x: right.x, y: right.y + destinationHeight, width: right.width, height: right.height - destinationHeight))
            return
        }

        // Narrow: features first, then the legend, then destinations if rows are left.
        let legendRows = legendLayout(width: rect.width).count
        let reservedLegend = rect.height >= legendRows + 4 ? legendRows : 0
        let featureHeight = min(rect.height - reservedLegend, featureRowsRequested)
        drawFeatures(into: &grid, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: featureHeight))
        drawLegend(into: &grid, in: Rect(x: rect.x, y: rect.y + featureHeight, width: rect.width, height: reservedLegend))
        let remaining = rect.height - featureHeight - reservedLegend
        if remaining >= 3 {
            drawDestinations(into: &grid, in: Rect(x: rect.x, y: rect.y + featureHeight + reservedLegend, width: rect.width, height: remaining))
        }
    }

    /// Feature rows plus the title row.
    var featureRowsRequested: Int { graph.featureNames.count + 1 }

    // MARK: - Panel (a): features × windows

    private func drawFeatures(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        var y = rect.y
        let rowCount = graph.featureNames.count
        // The title row is dropped first when rows are short.
        if rect.height > rowCount {
            var title = strings(.panelFeatures)
            if graph.columnStarts.indices.contains(graph.selectedColumn) {
                title += "  " + strings(.windowStart, ["time": NumberText.utcTime(graph.columnStarts[graph.selectedColumn])])
            }
            grid.draw(title, row: y, column: rect.x, maxWidth: rect.width, role: .header)
            y += 1
        }

        let names = graph.featureNames.map(SafeText.line)
        let nameWidth = min(names.map(DisplayWidth.width(of:)).max() ?? 0, 16, max(4, rect.width / 3))
        let valueWidth = rect.width >= 30 && !values.isEmpty ? 8 : 0
        let tilesWidth = rect.width - nameWidth - 1 - (valueWidth > 0 ? valueWidth + 1 : 0)
        let columns = visibleColumns(count: graph.columnStarts.count, width: tilesWidth)

        let rowsAvailable = rect.maxY - y
        let hidden = rowCount > rowsAvailable ? rowCount - max(0, rowsAvailable - 1) : 0
        let shownRows = rowCount - hidden
        for row in 0..<max(0, shownRows) {
            grid.draw(DisplayWidth.pad(names[row], to: nameWidth), row: y, column: rect.x, role: .normal)
            let shades = graph.shades.indices.contains(row) ? graph.shades[row] : []
            drawTiles(into: &grid, row: y, x: rect.x + nameWidth + 1, columns: columns) { column in
                Shade.feature(shades.indices.contains(column) ? shades[column] : .nan, glyphs: glyphs)
            }
            if valueWidth > 0, values.indices.contains(row) {
                let text = DisplayWidth.pad(NumberText.compact(values[row]), to: valueWidth, alignment: .right)
                grid.draw(text, row: y, column: rect.maxX - valueWidth, maxWidth: valueWidth, role: .normal)
            }
            y += 1
        }
        if hidden > 0 && y < rect.maxY {
            grid.draw(strings(.moreRows, ["count": String(hidden)]), row: y, column: rect.x, maxWidth: rect.width, role: .dim)
        }
    }

    // MARK: - Panel (b): destination blocks × windows

    private func drawDestinations(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        grid.draw(strings(.panelDestinations), row: rect.y, column: rect.x, maxWidth: rect.width, role: .header)
        let labels = graph.blockLabels.map(SafeText.line)
        let labelWidth = min(labels.map(DisplayWidth.width(of:)).max() ?? 0, 14, max(4, rect.width / 2))
        let columns = visibleColumns(count: graph.columnStarts.count, width: rect.width - labelWidth - 1)
        let maximum = graph.destinationGrid.flatMap { $0 }.max() ?? 0

        let blockCount = graph.destinationGrid.count
        let rowsAvailable = rect.height - 1
        let hidden = blockCount > rowsAvailable ? blockCount - max(0, rowsAvailable - 1) : 0
        var y = rect.y + 1
        for block in 0..<max(0, blockCount - hidden) {
            let label = labels.indices.contains(block) ? labels[block] : ""
            grid.draw(DisplayWidth.pad(label, to: labelWidth), row: y, column: rect.x, role: .normal)
            let counts = graph.destinationGrid[block]
            drawTiles(into: &grid, row: y, x: rect.x + labelWidth + 1, columns: columns) { column in
                Shade.count(counts.indices.contains(column) ? counts[column] : 0, maximum: maximum, glyphs: glyphs)
            }
            y += 1
        }
        if hidden > 0 && y < rect.maxY {
            grid.draw(strings(.moreRows, ["count": String(hidden)]), row: y, column: rect.x, maxWidth: rect.width, role: .dim)
        }
    }

    // MARK: - Tiles

    /// Window columns that fit, and the cells each takes (2 when there is room).
    struct ColumnRange {
        var range: Range<Int>
        var cellWidth: Int
    }

    /// Returns the most recent columns that fit in `width` cells, moved back if needed so the
    /// selected column is among them.
    func visibleColumns(count: Int, width: Int) -> ColumnRange {
        guard count > 0, width > 0 else { return ColumnRange(range: 0..<0, cellWidth: 1) }
        let cellWidth = width >= count * 2 ? 2 : 1
        let shown = min(count, width / cellWidth)
        var start = count - shown
        if graph.selectedColumn >= 0 && graph.selectedColumn < start {
            start = graph.selectedColumn
        }
        return ColumnRange(range: start..<(start + shown), cellWidth: cellWidth)
    }

    private func drawTiles(
        into grid: inout ScreenGrid, row: Int, x: Int, columns: ColumnRange,
        shade: (Int) -> (glyph: String, role: ColorRole)
    ) {
        var cellX = x
        for column in columns.range {
            let (glyph, role) = shade(column)
            let text = String(repeating: glyph, count: columns.cellWidth)
            grid.draw(text, row: row, column: cellX, maxWidth: columns.cellWidth, role: role, marked: column == graph.selectedColumn)
            cellX += columns.cellWidth
        }
    }

    // MARK: - Legend

    /// One legend entry: glyphs drawn in their roles, then a description.
    struct LegendItem {
        var glyphs: [(String, ColorRole)]
        var text: String
        var marked = false

        var width: Int {
            glyphs.reduce(0) { $0 + DisplayWidth.width(of: $1.0) } + (glyphs.isEmpty ? 0 : 1) + DisplayWidth.width(of: text)
        }
    }

    var legendItems: [LegendItem] {
        let maximum = graph.destinationGrid.flatMap { $0 }.max() ?? 0
        return [
            LegendItem(glyphs: zip(glyphs.backscatter, [ColorRole.tileBackscatter1, .tileBackscatter2, .tileBackscatter3]).map { ($0, $1) },
                       text: strings(.legendBackscatterSide)),
            LegendItem(glyphs: [(glyphs.neutral, .tileNeutral)], text: strings(.legendNeutral)),
            LegendItem(glyphs: zip(glyphs.notBackscatter, [ColorRole.tileNot1, .tileNot2, .tileNot3]).map { ($0, $1) },
                       text: strings(.legendNotSide)),
            LegendItem(glyphs: [], text: strings(.legendMissing)),
            LegendItem(glyphs: [], text: strings(.legendSelected), marked: true),
            LegendItem(glyphs: zip(glyphs.counts, [ColorRole.count1, .count2, .count3, .count4]).map { ($0, $1) },
                       text: strings(.legendCounts, ["max": String(maximum)])),
        ]
    }

    /// Legend items packed into rows of at most `width` cells, two spaces apart.
    func legendLayout(width: Int) -> [[LegendItem]] {
        guard width > 0 else { return [] }
        var rows: [[LegendItem]] = []
        var current: [LegendItem] = []
        var used = 0
        for item in legendItems {
            let needed = (current.isEmpty ? 0 : 2) + item.width
            if !current.isEmpty && used + needed > width {
                rows.append(current)
                current = []
                used = 0
            }
            used += current.isEmpty ? item.width : needed
            current.append(item)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private func drawLegend(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        for (index, items) in legendLayout(width: rect.width).prefix(rect.height).enumerated() {
            var x = rect.x
            for (position, item) in items.enumerated() {
                if position > 0 { x += 2 }
                for (glyph, role) in item.glyphs {
                    x += grid.draw(glyph, row: rect.y + index, column: x, maxWidth: rect.maxX - x, role: role)
                }
                if !item.glyphs.isEmpty { x += 1 }
                x += grid.draw(item.text, row: rect.y + index, column: x, maxWidth: max(0, rect.maxX - x), role: .legend, marked: item.marked)
            }
        }
    }
}
