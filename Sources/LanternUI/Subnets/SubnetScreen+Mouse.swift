extension SubnetScreen {
    /// Returns the heatmap position drawn at a cell by the last render: the row's position in
    /// `rowOrder`, and the day offset, or −1 for the subnet column. Returns nil off the
    /// heatmap's rows (the day ruler, the panels below, the flags panel), past the last day,
    /// and while an overlay covers the heatmap.
    ///
    /// - Parameters:
    ///   - column: 0-based cell column, as ncurses reports a mouse event.
    ///   - row: 0-based cell row.
    public func heatmapCell(atColumn column: Int, row: Int) -> (position: Int, day: Int)? {
        guard overlay == .none, let timeline, let (rect, labelWidth) = heatmapArea else { return nil }
        let rowOffset = row - (rect.y + 1)
        guard rowOffset >= 0, rowOffset < visibleRows, topRow + rowOffset < rowOrder.count else { return nil }
        guard column >= rect.x, column < rect.maxX else { return nil }
        // The subnet column and the blank cell after it select the subnet itself.
        let dayOffset = column - (rect.x + labelWidth + 1)
        if dayOffset < 0 { return (topRow + rowOffset, -1) }
        let day = leftDay + dayOffset
        guard dayOffset < visibleDays, day < timeline.dayCount else { return nil }
        return (topRow + rowOffset, day)
    }

    /// Moves the cursor to the subnet-day under a mouse click; elsewhere nothing changes.
    public func handleClick(column: Int, row: Int) -> ScreenEffect {
        guard searchText == nil, let cell = heatmapCell(atColumn: column, row: row) else { return .none }
        guard cell.position != cursorRow || cell.day != cursorDay else { return .none }
        moveCursor(toPosition: cell.position, day: cell.day)
        return .redraw
    }
}
