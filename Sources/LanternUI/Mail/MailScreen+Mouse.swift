extension MailScreen {
    /// Returns the queue index drawn at a cell by the last render, or nil when the cell is not
    /// on a queue row (the header, the preview, the help overlay, or below the last message).
    ///
    /// - Parameters:
    ///   - column: 0-based cell column, as ncurses reports a mouse event.
    ///   - row: 0-based cell row.
    public func queueIndex(atColumn column: Int, row: Int) -> Int? {
        guard let area = queueArea, (area.x..<area.maxX).contains(column) else { return nil }
        let offset = row - (area.y + 1)
        guard offset >= 0, offset < visibleQueueRows else { return nil }
        let index = scrollOffset + offset
        return items.indices.contains(index) ? index : nil
    }

    /// Selects the queue row under a mouse click; a click anywhere else changes nothing.
    public func handleClick(column: Int, row: Int) -> ScreenEffect {
        guard let index = queueIndex(atColumn: column, row: row), index != selectedIndex else { return .none }
        return select(index)
    }
}
