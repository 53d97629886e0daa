import LanternTriage

extension ReviewScreen {
    /// Renders the screen into a new grid of `width` × `height` cells.
    public func render(width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        render(into: &grid)
        return grid
    }

    /// Renders the whole screen into `grid`, overwriting every cell.
    ///
    /// Layout, top to bottom: status line; queue (header and at least two rows); tile graph;
    /// message line; key bar. The queue takes the rows the tile graph does not need, so larger
    /// windows show more of both. Below `minimumWidth` × `minimumHeight` only a notice is drawn.
    public func render(into grid: inout ScreenGrid) {
        grid.clear(role: .normal)
        queueArea = nil
        guard grid.fitsScreens else {
            grid.drawTooSmallNotice(strings)
            return
        }
        drawStatusLine(into: &grid, row: 0)

        let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3)
        if showingHelp {
            drawHelp(into: &grid, in: body)
        } else {
            let queueHeight = queueHeight(bodyHeight: body.height)
            drawQueue(into: &grid, in: Rect(x: 0, y: body.y, width: body.width, height: queueHeight))
            drawTileArea(into: &grid, in: Rect(x: 0, y: body.y + queueHeight, width: body.width, height: body.height - queueHeight))
        }

        drawMessage(into: &grid, row: grid.height - 2)
        drawKeyBar(into: &grid, row: grid.height - 1)
    }

    /// Queue rows including its header: what the tile graph leaves, but at least two fifths of
    /// the body (and 3 rows), since the analyst works through the queue and the tile graph
    /// shows its hidden rows as a count; no more than the queue needs.
    func queueHeight(bodyHeight: Int) -> Int {
        let tileRows = (review.featureNames.isEmpty ? 17 : review.featureNames.count) + (bodyHeight >= 30 ? 1 : 0)
        let available = max(3, bodyHeight * 2 / 5, bodyHeight - tileRows)
        let needed = max(3, items.count + 1)
        return min(bodyHeight, available, needed)
    }

    // MARK: - Status line

    func drawStatusLine(into grid: inout ScreenGrid, row: Int) {
        grid.fill(row: row, role: .status)
        let state = review.state
        let model: String = {
            let version = strings(.statusModel, ["version": String(state.modelVersion)])
            guard state.modelActive else { return version + " " + strings(.statusInactive) }
            let description = SafeText.line(state.modelDescription)
            return version + " " + strings(.statusActive) + (description.isEmpty ? "" : " (" + description + ")")
        }()
        let counts = [
            "mechanicalB": String(state.mechanicalBackscatter), "mechanicalN": String(state.mechanicalNotBackscatter),
            "analystB": String(state.analystBackscatter), "analystN": String(state.analystNotBackscatter),
        ]
        let queue = strings(.statusQueue, ["count": String(state.queueSize)])
        let alerts = strings(.statusAlerts, ["count": String(state.alerts)])
        let alertRole: ColorRole = state.alerts > 0 ? .statusAlert : .status

        // Variants go from the longest to the shortest. Each starts with the model version.
        let variants: [[(String, ColorRole)]] = [
            [(model, .status), (strings(.statusTrained, counts), .status), (queue, .status), (alerts, alertRole)],
            [(model, .status), (strings(.statusTrainedShort, counts), .status), (queue, .status), (alerts, alertRole)],
            [(strings(.statusModel, ["version": String(state.modelVersion)]), .status),
             (strings(.statusTrainedShort, counts), .status), (queue, .status), (alerts, alertRole)],
            [(strings(.statusModel, ["version": String(state.modelVersion)]), .status), (queue, .status), (alerts, alertRole)],
        ]
        // The longest variant that fits left of the tab names; within it, segments are drawn
        // whole, so a narrow window drops the alert count rather than cutting the queue size.
        let limit = grid.width - 1 - statusLineReserve
        let chosen = variants.first { segments in
            segments.reduce(0) { $0 + DisplayWidth.width(of: $1.0) } + 3 * (segments.count - 1) + 1 <= limit
        } ?? variants[variants.count - 1]
        grid.drawWholeSegments(chosen.map { ($0.0, $0.1) }, row: row, limit: limit)
    }

    // MARK: - Queue

    /// Widths of the queue columns for `width` cells; 0 means the column is left out.
    struct QueueColumns {
        var host: Int
        var service: Int
        var packets: Int
        var score: Int
        var reason: Int
    }

    func queueColumns(width: Int) -> QueueColumns {
        func widest(_ header: StringKey, _ values: [String], limit: Int) -> Int {
            min(limit, max(DisplayWidth.width(of: strings(header)), values.map(DisplayWidth.width(of:)).max() ?? 0))
        }
        var columns = QueueColumns(
            host: widest(.columnHost, items.map { SafeText.line($0.host) }, limit: 39),
            service: widest(.columnService, items.map { SafeText.line($0.service) }, limit: 16),
            packets: widest(.columnPackets, items.map { String($0.packets) }, limit: 12),
            score: widest(.columnScore, ["+00.00"], limit: 8),
            reason: 0)
        // Columns are dropped in this order until the rest fits with a reason of 8 cells or more.
        func used() -> Int {
            [columns.host, columns.service, columns.packets, columns.score].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 } + 1
        }
        // One IPv6 host among the loaded items would widen the column to 39 cells and leave the
        // reason a few cells at 80 columns. So the host column first gives up cells for a reason
        // of 20, down to 15 cells, which any IPv4 address fits. A longer host is cut with "…".
        let reasonWidth = 20
        if width - used() < reasonWidth && columns.host > 15 {
            columns.host = max(15, columns.host - (reasonWidth - (width - used())))
        }
        if width - used() < 8 { columns.service = 0 }
        if width - used() < 8 { columns.packets = 0 }
        let rest = width - used()
        if rest >= 8 {
            columns.reason = rest - 1
        } else {
            columns.host = max(4, columns.host + rest - 1)
        }
        return columns
    }

    func drawQueue(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0 else { return }
        let columns = queueColumns(width: rect.width)
        grid.fill(row: rect.y, role: .header)
        drawQueueRow(into: &grid, row: rect.y, columns: columns, role: .header, cells: [
            strings(.columnHost), strings(.columnService), strings(.columnPackets), strings(.columnScore), strings(.columnReason),
        ])
        visibleQueueRows = max(1, rect.height - 1)
        queueArea = rect
        guard !items.isEmpty else {
            grid.draw(strings(.queueEmpty), row: rect.y + 1, column: 1, maxWidth: rect.width - 1, role: .dim)
            return
        }

        // Keep the selection on screen.
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + visibleQueueRows { scrollOffset = selectedIndex - visibleQueueRows + 1 }
        scrollOffset = max(0, min(scrollOffset, items.count - visibleQueueRows))

        for (offset, index) in (scrollOffset..<min(items.count, scrollOffset + visibleQueueRows)).enumerated() {
            let item = items[index]
            let role: ColorRole = index == selectedIndex ? .selection : .normal
            let row = rect.y + 1 + offset
            grid.fill(row: row, role: role)
            drawQueueRow(into: &grid, row: row, columns: columns, role: role, cells: [
                SafeText.line(item.host), SafeText.line(item.service), String(item.packets),
                NumberText.fixed(item.score, digits: 2, sign: true), SafeText.line(strings.term(item.reason)),
            ])
        }
    }

    /// Draws host, service, packets, score and reason into their columns; numbers right-aligned.
    private func drawQueueRow(into grid: inout ScreenGrid, row: Int, columns: QueueColumns, role: ColorRole, cells: [String]) {
        let layout: [(width: Int, alignment: DisplayWidth.Alignment)] = [
            (columns.host, .left), (columns.service, .left), (columns.packets, .right), (columns.score, .right), (columns.reason, .left),
        ]
        var x = 1
        for (index, column) in layout.enumerated() where column.width > 0 {
            grid.draw(DisplayWidth.pad(cells[index], to: column.width, alignment: column.alignment), row: row, column: x, maxWidth: column.width, role: role)
            x += column.width + 1
        }
    }

    // MARK: - Tile graph area

    func drawTileArea(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0, let item = selectedItem, let graph = selectedGraph() else { return }
        switch graph {
        case .success(let graph):
            let view = TileGraphView(graph: graph, values: item.features, strings: strings, glyphs: glyphs)
            view.draw(into: &grid, in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height))
        case .failure(let error):
            grid.draw(strings(.tileGraphFailed, ["error": error.text]), row: rect.y, column: 1, maxWidth: rect.width - 2, role: .error)
        }
    }

    // MARK: - Message line and key bar

    /// The text and role of the message line, if any.
    var messageLine: (text: String, role: ColorRole)? {
        if !notices.isEmpty {
            return (notices.joined(separator: " / "), .error)
        }
        switch message {
        case .saved(let receipt, let host):
            let label = strings(receipt.label == .backscatter ? .labelBackscatter : .labelNotBackscatter)
            return (strings(.saved, ["host": SafeText.line(host), "label": label, "version": String(receipt.modelVersion)]), .saved)
        case .error(let text): return (text, .error)
        case .info(let text): return (text, .normal)
        case nil: return nil
        }
    }

    func drawMessage(into grid: inout ScreenGrid, row: Int) {
        guard let line = messageLine else { return }
        grid.fill(row: row, role: line.role)
        grid.draw(DisplayWidth.truncate(line.text, to: grid.width - 2), row: row, column: 1, maxWidth: grid.width - 2, role: line.role)
    }

    func drawKeyBar(into grid: inout ScreenGrid, row: Int) {
        grid.drawKeyBar(keyMap.keyBarEntries(strings), row: row)
    }

    // MARK: - Help

    func drawHelp(into grid: inout ScreenGrid, in rect: Rect) {
        let closeKeys = keyMap.keys(for: .toggleHelp).map { $0.displayName(strings) }.joined(separator: " ")
        grid.drawKeyHelp(title: strings(.helpTitle) + "  " + strings(.helpClose, ["keys": closeKeys]),
                         entries: keyMap.helpEntries(strings), footer: strings(.helpReserved), in: rect)
    }
}
