import LanternDarknet
import LanternTriage

extension SubnetScreen {
    /// Width of the subnet column: an IPv4 /16 in CIDR fits, longer IPv6 text is cut.
    static let labelWidth = 19
    /// The flags panel is drawn when the screen is at least this wide.
    static let flagsPanelMinimumWidth = 96
    static let flagsPanelWidth = 34

    public func render(width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        render(into: &grid)
        return grid
    }

    /// Layout: status line; day ruler; heatmap rows (flags panel on the right when wide);
    /// the cursor cell's meaning; legend; message or search line; key bar. Overlays cover the heatmap area.
    public func render(into grid: inout ScreenGrid) {
        grid.clear(role: .normal)
        heatmapArea = nil
        guard grid.fitsScreens else {
            grid.drawTooSmallNotice(strings)
            return
        }
        drawStatus(into: &grid)
        guard let timeline else {
            grid.draw(strings(.subnetsNone), row: 2, column: 1, maxWidth: grid.width - 2, role: .dim)
            drawKeyBar(into: &grid, row: grid.height - 1)
            return
        }
        let panel = grid.width >= SubnetScreen.flagsPanelMinimumWidth ? SubnetScreen.flagsPanelWidth : 0
        // Below the body: the cursor's meaning, the legend, the message and the key bar.
        let body = Rect(x: 0, y: 1, width: grid.width - panel, height: grid.height - 5)
        drawHeatmap(timeline, into: &grid, in: body)
        if panel > 0 { drawFlagsPanel(timeline, into: &grid, in: Rect(x: body.maxX, y: 1, width: panel, height: body.height)) }
        drawLegend(timeline, into: &grid, row: grid.height - 3)
        drawMessage(into: &grid, row: grid.height - 2)
        drawKeyBar(into: &grid, row: grid.height - 1)
        switch overlay {
        case .none: break
        case .detail(let row, let day): drawDetail(timeline, row: row, day: day, into: &grid, in: body)
        case .similar(let row): drawSimilar(timeline, row: row, into: &grid, in: body)
        // Help also covers the cursor line and the legend, which are of no use while it is open,
        // so its wrapped lines fit at 80 × 24.
        case .help: drawHelp(into: &grid, in: Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3))
        }
    }

    func drawStatus(into grid: inout ScreenGrid) {
        grid.fill(row: 0, role: .status)
        guard let timeline else { return }
        let status = strings(.subnetsStatus, [
            "version": String(timeline.version), "subnets": String(timeline.rows.count), "days": String(timeline.dayCount),
            "flags": String(timeline.flags.count), "order": orderName,
        ])
        let segments = status.components(separatedBy: " | ").map { (text: $0, role: ColorRole.status) }
        grid.drawWholeSegments(segments, row: 0, limit: grid.width - 1 - statusLineReserve)
    }

    // MARK: - Heatmap

    func drawHeatmap(_ timeline: SubnetTimeline, into grid: inout ScreenGrid, in rect: Rect) {
        let label = min(SubnetScreen.labelWidth, rect.width / 3)
        visibleRows = max(1, rect.height - 1)
        visibleDays = max(1, rect.width - label - 1)
        keepCursorVisible(dayCount: timeline.dayCount)
        heatmapArea = (rect, label)

        // Day ruler: the date every 7 days, from the left edge of the visible days.
        grid.fill(row: rect.y, column: rect.x, count: rect.width, role: .header)
        var day = leftDay
        while day < min(timeline.dayCount, leftDay + visibleDays) {
            if (timeline.firstDay + day) % 7 == 0 || day == leftDay {
                let date = String(DayClock.dateText(ofDay: timeline.firstDay + day).dropFirst(5))
                grid.draw(date, row: rect.y, column: rect.x + label + 1 + day - leftDay, maxWidth: 5, role: .header)
                day += 6
            } else {
                day += 1
            }
        }

        for offset in 0..<visibleRows {
            let position = topRow + offset
            guard position < rowOrder.count else { break }
            let row = rowOrder[position]
            let y = rect.y + 1 + offset
            let selected = position == cursorRow
            grid.draw(DisplayWidth.pad(timeline.rows[row].subnet, to: label), row: y, column: rect.x, maxWidth: label,
                      role: selected && cursorDay < 0 ? .selection : (selected ? .header : .normal))
            for column in 0..<min(visibleDays, timeline.dayCount - leftDay) {
                let day = leftDay + column
                var (glyph, role) = cellLook(timeline.cell(row: row, day: day))
                let flagged = timeline.flag(row: row, day: day) != nil
                if flagged { glyph = "!" }
                if selected && day == cursorDay { role = .selection }
                grid.draw(glyph, row: y, column: rect.x + label + 1 + column, maxWidth: 1, role: role, marked: flagged)
            }
        }
    }

    /// Keeps the cursor inside the visible rows and days, scrolling by the smallest step.
    func keepCursorVisible(dayCount: Int) {
        if cursorRow < topRow { topRow = cursorRow }
        if cursorRow >= topRow + visibleRows { topRow = cursorRow - visibleRows + 1 }
        topRow = max(0, min(topRow, max(0, rowOrder.count - visibleRows)))
        let day = max(0, cursorDay)
        if day < leftDay { leftDay = day }
        if day >= leftDay + visibleDays { leftDay = day - visibleDays + 1 }
        leftDay = max(0, min(leftDay, max(0, dayCount - visibleDays)))
    }

    /// Glyph and colour of a stored cell byte: prototype glyph in its colour, a dot in that
    /// colour for a thin day, blank for no traffic.
    func cellLook(_ value: UInt8) -> (String, ColorRole) {
        guard value != StoredSequenceByte.noData else { return (" ", .normal) }
        let prototype = Int(value & ~StoredSequenceByte.thinMark)
        let role = SubnetScreen.prototypeRoles[prototype % SubnetScreen.prototypeRoles.count]
        if value & StoredSequenceByte.thinMark != 0 { return (glyphs.neutral, role) }
        return (SubnetScreen.glyph(prototype), role)
    }

    static let prototypeRoles: [ColorRole] = [
        .prototype1, .prototype2, .prototype3, .prototype4, .prototype5, .prototype6, .prototype7, .prototype8,
    ]

    /// Returns one printable ASCII character per prototype (0–9, then A–Z, a–z, @ and &), so the
    /// heatmap reads without colour and on any terminal width setting. The 64 characters cover
    /// every prototype count `lantern cluster --k` accepts; any prototype beyond shows `?`.
    static func glyph(_ prototype: Int) -> String {
        let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@&")
        return prototype < symbols.count ? String(symbols[prototype]) : "?"
    }

    /// `P3` or the word for quiet.
    func prototypeName(_ prototype: Int?) -> String {
        prototype.map { "P\($0)" } ?? strings(.quietState)
    }

    /// Builds the description of a prototype in the screen's language.
    func describe(_ timeline: SubnetTimeline, _ prototype: Int) -> String {
        guard timeline.descriptions.indices.contains(prototype) else {
            return timeline.prototypes.indices.contains(prototype) ? timeline.prototypes[prototype].description : ""
        }
        return timeline.descriptions[prototype].text(strings.prototypeVocabulary)
    }

    // MARK: - Flags panel, legend, message, key bar

    func drawFlagsPanel(_ timeline: SubnetTimeline, into grid: inout ScreenGrid, in rect: Rect) {
        grid.fill(row: rect.y, column: rect.x, count: rect.width, role: .header)
        grid.draw(strings(.flagsPanel), row: rect.y, column: rect.x + 1, maxWidth: rect.width - 1, role: .header)
        if timeline.flags.isEmpty {
            grid.draw(strings(.flagsNone), row: rect.y + 1, column: rect.x + 1, maxWidth: rect.width - 1, role: .dim)
        }
        for (index, flag) in timeline.flags.prefix(max(0, rect.height - 1)).enumerated() {
            let text = "\(DayClock.dateText(ofDay: flag.day).dropFirst(5)) \(flag.subnet) →\(prototypeName(flag.toPrototype))"
            grid.draw(text, row: rect.y + 1 + index, column: rect.x + 1, maxWidth: rect.width - 1, role: .statusAlert)
        }
    }

    func drawLegend(_ timeline: SubnetTimeline, into grid: inout ScreenGrid, row: Int) {
        var x = 1
        for prototype in timeline.prototypes.indices {
            let role = SubnetScreen.prototypeRoles[prototype % SubnetScreen.prototypeRoles.count]
            guard x + 4 < grid.width else { break }
            x += grid.draw(SubnetScreen.glyph(prototype), row: row, column: x, role: role)
            x += grid.draw("=P\(prototype) ", row: row, column: x, role: .legend)
        }
        let extra = strings(.legendFlagged) + "  " + strings(.legendThin)
        if x + DisplayWidth.width(of: extra) < grid.width { grid.draw(extra, row: row, column: x + 1, role: .legend) }

        // The cursor's cell in words, on the line above, so the meaning is always on screen.
        guard let selected = selectedRow, cursorDay >= 0 else { return }
        let value = timeline.cell(row: selected, day: cursorDay)
        var meaning = value == StoredSequenceByte.noData
            ? strings(.noTraffic)
            : "P\(value & ~StoredSequenceByte.thinMark) " + describe(timeline, Int(value & ~StoredSequenceByte.thinMark))
        // A flagged cell is named in words too, because the "!" on the map is one cell among many.
        if timeline.flag(row: selected, day: cursorDay) != nil { meaning = strings(.legendFlagged) + "  " + meaning }
        grid.fill(row: row - 1, role: .normal)
        grid.draw(strings(.legendCursor, [
            "subnet": timeline.rows[selected].subnet, "date": DayClock.dateText(ofDay: timeline.firstDay + cursorDay), "prototype": meaning,
        ]), row: row - 1, column: 1, maxWidth: grid.width - 2, role: .legend)
    }

    func drawMessage(into grid: inout ScreenGrid, row: Int) {
        if let searchText {
            grid.fill(row: row, role: .help)
            grid.draw(strings(.searchPrompt, ["text": searchText]) + "_", row: row, column: 1, maxWidth: grid.width - 2, role: .help)
        } else if let message {
            grid.draw(message, row: row, column: 1, maxWidth: grid.width - 2, role: .error)
        }
    }

    func drawKeyBar(into grid: inout ScreenGrid, row: Int) {
        grid.drawKeyBar(keyMap.keyBarEntries(strings), row: row)
    }
}
