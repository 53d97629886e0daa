extension ScreenGrid {
    /// Draws a help overlay over `rect`: `title` on the first row, then one entry per binding
    /// with its keys in a column and its description beside them, then `footer` after a blank
    /// row when all of it fits.
    ///
    /// Descriptions and the footer wrap by display cells (`DisplayWidth.wrap`) instead of being
    /// cut, so a Japanese sentence at 80 columns is read whole. Continuation rows start under
    /// the first row's text. Rows past the bottom of `rect` are not drawn.
    mutating func drawKeyHelp(title: String, entries: [(keys: String, text: String)], footer: String, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        for row in rect.y..<rect.maxY { fill(row: row, column: rect.x, count: rect.width, role: .help) }
        fill(row: rect.y, column: rect.x, count: rect.width, role: .helpTitle)
        draw(title, row: rect.y, column: rect.x + 1, maxWidth: rect.width - 2, role: .helpTitle)

        // Keys from the second cell, two cells of space, the text, one blank cell at the right.
        let keyWidth = min(20, entries.map { DisplayWidth.width(of: $0.keys) }.max() ?? 0)
        let textColumn = rect.x + 4 + keyWidth
        let textWidth = rect.maxX - 1 - textColumn
        var y = rect.y + 1
        for entry in entries where y < rect.maxY {
            draw(DisplayWidth.pad(entry.keys, to: keyWidth), row: y, column: rect.x + 2, role: .keyName)
            let lines = DisplayWidth.wrap(entry.text, width: textWidth)
            for line in lines.isEmpty ? [""] : lines where y < rect.maxY {
                draw(line, row: y, column: textColumn, maxWidth: textWidth, role: .help)
                y += 1
            }
        }
        let footerLines = DisplayWidth.wrap(footer, width: rect.width - 3)
        guard y + 1 + footerLines.count <= rect.maxY else { return }
        for (index, line) in footerLines.enumerated() {
            draw(line, row: y + 1 + index, column: rect.x + 2, maxWidth: rect.width - 3, role: .dim)
        }
    }
}
