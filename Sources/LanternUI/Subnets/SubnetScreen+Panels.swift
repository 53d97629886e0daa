import LanternDarknet
import LanternTriage

extension SubnetScreen {
    /// Draws a cell's detail: totals, TAP distribution as bars, top ports, signatures, prototype and flag.
    func drawDetail(_ timeline: SubnetTimeline, row: Int, day: Int, into grid: inout ScreenGrid, in rect: Rect) {
        clear(&grid, rect)
        var y = rect.y
        let subnet = timeline.rows[row].subnet
        title(&grid, rect, strings(.detailTitle, ["subnet": subnet, "date": DayClock.dateText(ofDay: timeline.firstDay + day)]), &y)
        let detail: SubnetTimeline.CellDetail?
        do {
            detail = try timeline.detail(row: row, day: day)
        } catch {
            line(&grid, rect, strings(.detailFailed, ["error": SafeText.line(String(describing: error))]), .error, &y)
            return
        }
        guard let detail else {
            line(&grid, rect, strings(.noTraffic), .dim, &y)
            return
        }
        if let prototype = detail.prototype {
            line(&grid, rect, strings(.detailPrototype, ["index": String(prototype), "description": describe(timeline, prototype)]), .help, &y)
        }
        if detail.thin { line(&grid, rect, strings(.detailThin), .dim, &y) }
        if let flag = detail.flag {
            line(&grid, rect, strings(.detailFlag, [
                "from": prototypeName(flag.fromPrototype), "to": prototypeName(flag.toPrototype),
                "rarity": NumberText.fixed(flag.rarity, digits: 2, sign: false), "reason": reasonText(flag.reason),
            ]), .statusAlert, &y)
        }
        line(&grid, rect, strings(.detailTotals, [
            "windows": String(detail.counts.windows), "hosts": String(detail.counts.hosts), "packets": String(detail.counts.packets),
        ]), .help, &y)

        line(&grid, rect, strings(.detailSignatures), .helpTitle, &y)
        if detail.signatures.isEmpty { line(&grid, rect, "  " + strings(.detailNoSignatures), .dim, &y) }
        for signature in detail.signatures.prefix(4) {
            line(&grid, rect, "  \(signature.name)  \(signature.count)  \(signature.title)", .help, &y)
        }
        let ports = detail.counts.topPorts(6).map { "\(PrototypeDescription.portText($0.key)) \($0.packets)" }.joined(separator: "  ")
        line(&grid, rect, strings(.detailPorts) + ": " + ports, .help, &y)

        line(&grid, rect, strings(.detailTAP), .helpTitle, &y)
        let barWidth = max(4, min(30, rect.width - 28))
        for (index, share) in detail.cellShares.enumerated().sorted(by: { $0.element > $1.element }) where share > 0 {
            guard y < rect.maxY else { break }
            let filled = max(1, Int((share * Double(barWidth)).rounded()))
            let bar = String(repeating: glyphs == .unicode ? "█" : "#", count: filled)
            let label = DisplayWidth.pad(TAPCell(index: index).description, to: 18)
            line(&grid, rect, "  \(label) \(DisplayWidth.pad(bar, to: barWidth)) \(Int((share * 100).rounded()))%", .help, &y)
        }
    }

    /// Returns a flag's stored English reason in the screen's language. A reason that
    /// `FlagReason` cannot read, such as one stored by an older version, is shown as stored.
    func reasonText(_ stored: String) -> String {
        guard let reason = FlagReason(text: stored) else { return SafeText.line(stored) }
        let transition = reason.transitionPercent.map { strings(.flagReasonTransition, ["percent": $0]) }
        let visit = reason.visitPercent.map { strings(.flagReasonVisit, ["percent": $0]) }
        switch (transition, visit) {
        case let (transition?, visit?): return strings(.flagReasonBoth, ["transition": transition, "visit": visit])
        case let (transition?, nil): return transition
        case let (nil, visit?): return visit
        case (nil, nil): return SafeText.line(stored)
        }
    }

    /// Draws the ten subnets whose prototype sequences are most like `row`'s.
    func drawSimilar(_ timeline: SubnetTimeline, row: Int, into grid: inout ScreenGrid, in rect: Rect) {
        clear(&grid, rect)
        var y = rect.y
        title(&grid, rect, strings(.similarTitle, ["subnet": timeline.rows[row].subnet]), &y)
        let similar = timeline.similarRows(to: row, limit: 10)
        if similar.isEmpty { line(&grid, rect, strings(.similarNone), .dim, &y) }
        for entry in similar {
            line(&grid, rect, "  " + strings(.similarRow, [
                "subnet": DisplayWidth.pad(timeline.rows[entry.row].subnet, to: SubnetScreen.labelWidth),
                "percent": "\(Int((entry.distance * 100).rounded()))%",
            ]), .help, &y)
        }
    }

    func drawHelp(into grid: inout ScreenGrid, in rect: Rect) {
        grid.drawKeyHelp(title: strings(.helpTitle) + "  " + strings(.closeHint), entries: keyMap.helpEntries(strings),
                         footer: strings(.screenSwitchHelp), in: rect)
    }

    private func clear(_ grid: inout ScreenGrid, _ rect: Rect) {
        for row in rect.y..<rect.maxY { grid.fill(row: row, column: rect.x, count: rect.width, role: .help) }
    }

    private func title(_ grid: inout ScreenGrid, _ rect: Rect, _ text: String, _ y: inout Int) {
        grid.fill(row: y, column: rect.x, count: rect.width, role: .helpTitle)
        grid.draw(text + "  " + strings(.closeHint), row: y, column: rect.x + 1, maxWidth: rect.width - 2, role: .helpTitle)
        y += 1
    }

    /// Draws `text` at row `y` and moves `y` down. A line wider than the panel wraps, its
    /// continuation lines indented, so a long prototype description or port list is not cut.
    private func line(_ grid: inout ScreenGrid, _ rect: Rect, _ text: String, _ role: ColorRole, _ y: inout Int) {
        let width = rect.width - 2
        var parts = [text]
        if DisplayWidth.width(of: text) > width, width > 4 {
            let wrapped = DisplayWidth.wrap(text, width: width - 2)
            parts = wrapped.prefix(1) + wrapped.dropFirst().map { "  " + $0 }
        }
        for part in parts {
            guard y < rect.maxY else { return }
            grid.draw(part, row: y, column: rect.x + 1, maxWidth: width, role: role)
            y += 1
        }
    }
}
