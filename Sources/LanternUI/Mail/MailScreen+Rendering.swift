import LanternTriage

extension MailScreen {
    /// Renders the screen into a new grid of `width` × `height` cells.
    public func render(width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        render(into: &grid)
        return grid
    }

    /// Renders the whole screen into `grid`, overwriting every cell.
    ///
    /// Layout, top to bottom: status line; queue (header and rows); preview of the selected
    /// message; message line; key bar. The queue takes two fifths of the body, at least three
    /// rows, and no more than it needs. Below `ReviewScreen.minimumWidth` × `minimumHeight` only a
    /// notice is drawn.
    public func render(into grid: inout ScreenGrid) {
        grid.clear(role: .normal)
        guard grid.fitsScreens else {
            grid.drawTooSmallNotice(strings)
            return
        }
        drawStatusLine(into: &grid, row: 0)

        let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3)
        queueArea = nil
        if showingHelp {
            drawHelp(into: &grid, in: body)
        } else if review == nil {
            for (index, line) in wrapCells(strings(.mailNone), width: body.width - 2).prefix(body.height).enumerated() {
                grid.draw(line, row: body.y + 1 + index, column: 1, role: .dim)
            }
        } else {
            let queueHeight = min(body.height, max(3, body.height * 2 / 5), max(3, items.count + 1))
            let queue = Rect(x: 0, y: body.y, width: body.width, height: queueHeight)
            queueArea = queue
            drawQueue(into: &grid, in: queue)
            drawPreview(into: &grid, in: Rect(x: 1, y: body.y + queueHeight + 1, width: body.width - 2,
                                              height: body.height - queueHeight - 1))
        }

        drawMessage(into: &grid, row: grid.height - 2)
        drawKeyBar(into: &grid, row: grid.height - 1)
    }

    // MARK: - Status line

    /// Returns the message's verdict, confidence and unknown flag in a few words.
    func verdictText(_ item: MailItem) -> String {
        let verdict: String
        switch item.verdict {
        case "malicious": verdict = strings(.mailVerdictMalicious)
        case "benign": verdict = strings(.mailVerdictBenign)
        default:
            // Without a verdict, "unknown" would only repeat that there is none.
            return strings(.mailVerdictNone)
        }
        let confidence = item.confidence.map { NumberText.fixed($0, digits: 2) } ?? ""
        let unknown = item.unknown ? " " + strings(.mailUnknown) : ""
        return strings(.mailStatusSelected, ["verdict": verdict, "confidence": confidence, "unknown": unknown])
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Model version first, then the selected message's verdict, so both stay visible on the
    /// left while the tab names cover the right end of the row.
    func drawStatusLine(into grid: inout ScreenGrid, row: Int) {
        grid.fill(row: row, role: .status)
        guard let review else { return }
        let state = review.state
        var segments = [strings(.mailStatusModel, ["version": String(state.modelVersion)])]
        if !state.modelActive {
            segments.append(strings(.mailStatusInactive))
        } else if let item = selectedItem {
            segments.append(verdictText(item))
        }
        segments.append(strings(.statusQueue, ["count": String(state.queueSize)]))
        if state.modelActive {
            segments.append(strings(.mailStatusLabels, ["malicious": String(state.maliciousLabels), "benign": String(state.benignLabels)]))
        }
        grid.drawWholeSegments(segments.map { ($0, .status) }, row: row, limit: grid.width - 1 - statusLineReserve)
    }

    // MARK: - Queue

    /// Widths of the queue columns for `width` cells; 0 means the column is left out.
    struct QueueColumns: Equatable {
        var date = 10
        var sender = 0
        var subject = 0
        var verdict = 0
        var confidence = 0
        var mark = 1
    }

    func queueColumns(width: Int) -> QueueColumns {
        var columns = QueueColumns()
        let verdictNames = [strings(.mailColumnVerdict), strings(.mailVerdictMalicious), strings(.mailVerdictBenign),
                            strings(.mailVerdictNone)]
        columns.verdict = min(13, verdictNames.map(DisplayWidth.width(of:)).max() ?? 0)
        columns.confidence = max(4, DisplayWidth.width(of: strings(.mailColumnConfidence)))
        columns.mark = max(1, DisplayWidth.width(of: strings(.mailUnknownMark)))
        let senders = items.map { DisplayWidth.width(of: SafeText.line($0.senderAddress)) }.max() ?? 0
        columns.sender = min(24, max(DisplayWidth.width(of: strings(.mailColumnSender)), senders))
        // The subject needs at least 12 cells: first the sender narrows, then it and the date go.
        func fixed() -> Int {
            [columns.date, columns.sender, columns.verdict, columns.confidence, columns.mark].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 } + 2
        }
        if width - fixed() < 12 { columns.sender = max(0, columns.sender - (12 - (width - fixed()))) }
        if columns.sender < 8 { columns.sender = 0 }
        if width - fixed() < 12 { columns.date = 0 }
        columns.subject = max(1, width - fixed() - 1)
        return columns
    }

    func drawQueue(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0 else { return }
        let columns = queueColumns(width: rect.width)
        grid.fill(row: rect.y, role: .header)
        drawQueueRow(into: &grid, row: rect.y, columns: columns, role: .header, cells: [
            strings(.mailColumnDate), strings(.mailColumnSender), strings(.mailColumnSubject), strings(.mailColumnVerdict),
            strings(.mailColumnConfidence), "",
        ])
        visibleQueueRows = max(1, rect.height - 1)
        guard !items.isEmpty else {
            grid.draw(strings(.mailQueueEmpty), row: rect.y + 1, column: 1, maxWidth: rect.width - 1, role: .dim)
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
            let verdict: String = switch item.verdict {
            case "malicious": strings(.mailVerdictMalicious)
            case "benign": strings(.mailVerdictBenign)
            default: "-"
            }
            drawQueueRow(into: &grid, row: row, columns: columns, role: role, cells: [
                item.date.map { String(NumberText.utcTime($0).prefix(10)) } ?? "-",
                SafeText.line(item.senderAddress), MailScreen.shownSubject(item), verdict,
                item.confidence.map { NumberText.fixed($0, digits: 2) } ?? "-",
                item.unknown ? strings(.mailUnknownMark) : "",
            ])
        }
    }

    /// Draws date, sender, subject, verdict, confidence and the unknown mark into their columns.
    /// Each cell is cut with `DisplayWidth.pad`, so a double-width character is never split and
    /// the columns after a Japanese subject stay aligned.
    private func drawQueueRow(into grid: inout ScreenGrid, row: Int, columns: QueueColumns, role: ColorRole, cells: [String]) {
        let layout: [(width: Int, alignment: DisplayWidth.Alignment)] = [
            (columns.date, .left), (columns.sender, .left), (columns.subject, .left), (columns.verdict, .left),
            (columns.confidence, .right), (columns.mark, .left),
        ]
        var x = 1
        for (index, column) in layout.enumerated() where column.width > 0 {
            grid.draw(DisplayWidth.pad(cells[index], to: column.width, alignment: column.alignment), row: row, column: x,
                      maxWidth: column.width, role: role)
            x += column.width + 1
        }
    }

    // MARK: - Preview

    /// Returns the selected message's lines: sender, subject, date, verdict, attachments, defanged URLs,
    /// then as much of the text excerpt as fits. Every value passes through `SafeText`.
    func previewLines(width: Int, height: Int) -> [(text: String, role: ColorRole)] {
        guard let item = selectedItem, width > 0 else { return [] }
        var lines: [(text: String, role: ColorRole)] = []
        func field(_ key: StringKey, _ value: String) {
            lines.append((strings(key) + " " + value, .normal))
        }
        let name = SafeText.defangingURLs(inText: SafeText.line(item.senderName))
        let address = SafeText.line(item.senderAddress)
        // A display name that looks like an address ("Bank <security@bank.example>") is quoted,
        // so it cannot pass for the real address that follows it.
        let shownName = name.contains(where: { "<>@\",;:".contains($0) })
            ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : name
        field(.mailPreviewFrom, name.isEmpty ? address : shownName + " <" + address + ">")
        field(.mailPreviewSubject, MailScreen.shownSubject(item))
        field(.mailPreviewDate, item.date.map { NumberText.utcTime($0) + " UTC" } ?? strings(.mailPreviewNoDate))
        field(.mailPreviewVerdict, verdictText(item))
        let attachments = item.attachments.map { attachment in
            SafeText.line(attachment.mediaType) + (attachment.name.map { " " + SafeText.line($0) } ?? "")
        }
        field(.mailPreviewAttachments, attachments.isEmpty ? strings(.mailPreviewNoAttachments) : attachments.joined(separator: ", "))

        if !item.urls.isEmpty {
            lines.append((strings(.mailPreviewURLs), .normal))
            let shown = item.urls.count > 3 ? 2 : item.urls.count
            for url in item.urls.prefix(shown) { lines.append(("  " + SafeText.defang(url), .normal)) }
            if item.urls.count > shown {
                lines.append(("  " + strings(.mailPreviewMoreURLs, ["count": String(item.urls.count - shown)]), .dim))
            }
        }

        lines.append(("", .normal))
        // The body quotes its URLs too; they are defanged there as in the URL list.
        for paragraph in SafeText.lines(item.excerpt) where lines.count < height {
            for line in wrapCells(SafeText.defangingURLs(inText: paragraph), width: width) { lines.append((line, .dim)) }
        }
        return Array(lines.prefix(height))
    }

    func drawPreview(into grid: inout ScreenGrid, in rect: Rect) {
        guard rect.height > 0 else { return }
        for (index, line) in previewLines(width: rect.width, height: rect.height).enumerated() {
            grid.draw(DisplayWidth.truncate(line.text, to: rect.width), row: rect.y + index, column: rect.x,
                      maxWidth: rect.width, role: line.role)
        }
    }

    // MARK: - Message line, key bar and help

    /// Returns the text and role of the message line, if any. Without a mail model and with
    /// nothing else to report, the line names the labels that are missing and the keys in force
    /// that store them.
    var messageLine: (text: String, role: ColorRole)? {
        if message == nil, let review, !review.state.modelActive {
            let keys = ["malicious": keyNames(keyMap.keys(for: .labelMalicious)), "benign": keyNames(keyMap.keys(for: .labelBenign))]
            // With labels of one class (a reputation list gives only malicious ones), only the
            // other class is missing.
            let state = review.state
            let hint: StringKey = state.maliciousLabels > 0 && state.benignLabels == 0 ? .mailNeedsBenignHint
                : state.benignLabels > 0 && state.maliciousLabels == 0 ? .mailNeedsMaliciousHint : .mailNoModelHint
            return (strings(hint, keys), .normal)
        }
        switch message {
        case .saved(let receipt):
            let label = strings(receipt.label == .malicious ? .mailVerdictMalicious : .mailVerdictBenign)
            return (strings(.mailSaved, ["id": String(receipt.mailID), "label": label, "version": String(receipt.modelVersion)]), .saved)
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

    /// Returns the keys of a binding as the key bar and help show them, such as "Up/k".
    func keyNames(_ keys: [Key]) -> String {
        keys.map { $0.displayName(strings) }.joined(separator: "/")
    }

    func drawKeyBar(into grid: inout ScreenGrid, row: Int) {
        let entries = keyMap.bindings.filter(\.inKeyBar).map { binding in
            // Arrow names take too much room in the bar, so it shows only j and k. The help lists both.
            let arrowFirst = binding.keys.count > 1 && [Key.up, .down].contains(binding.keys[0])
            return KeyBarEntry(keys: keyNames(arrowFirst ? Array(binding.keys.dropFirst()) : binding.keys),
                               label: strings(binding.action.shortLabel), isPinned: binding.action.isPinnedInKeyBar)
        }
        grid.drawKeyBar(entries, row: row)
    }

    func drawHelp(into grid: inout ScreenGrid, in rect: Rect) {
        let closeKeys = keyNames(keyMap.keys(for: .toggleHelp))
        grid.drawKeyHelp(title: strings(.helpTitle) + "  " + strings(.helpClose, ["keys": closeKeys]),
                         entries: keyMap.bindings.map { (keys: keyNames($0.keys), text: strings($0.action.helpText)) },
                         footer: strings(.helpReserved), in: rect)
    }

    /// Returns `text` cut into lines of at most `width` cells between characters, never inside a
    /// double-width character.
    func wrapCells(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var used = 0
        for cluster in DisplayWidth.clusters(of: text) where cluster.width <= width {
            if used + cluster.width > width {
                lines.append(current)
                current = ""
                used = 0
            }
            current += cluster.text
            used += cluster.width
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Returns the subject as one safe line with its URLs defanged, because spam puts links in
    /// subjects too ("TAKE FREE CRYPTO https://…").
    static func shownSubject(_ item: MailItem) -> String {
        SafeText.defangingURLs(inText: SafeText.line(item.subject))
    }
}
