extension ReviewScreen {
    /// Returns the queue index drawn at a cell by the last render, or nil when the cell is not
    /// on a queue row (the header, the tile graph, the help overlay, or below the last item).
    ///
    /// - Parameters:
    ///   - column: 0-based cell column, as ncurses reports a mouse event.
    ///   - row: 0-based cell row.
    public func queueIndex(atColumn column: Int, row: Int) -> Int? {
        guard let area = queueArea else { return nil }
        let hitTest = QueueHitTest(area: area, visibleRows: visibleQueueRows, scrollOffset: scrollOffset, itemCount: items.count)
        return hitTest.index(atColumn: column, row: row)
    }

    /// Selects the queue row under a mouse click; a click anywhere else changes nothing but
    /// clears the start-up notices, as a key does.
    public func handleClick(column: Int, row: Int) -> ScreenEffect {
        let hadNotices = !notices.isEmpty
        clearNotices()
        guard let index = queueIndex(atColumn: column, row: row), index != selectedIndex else {
            return hadNotices ? .redraw : .none
        }
        return perform(select: index)
    }
}
