/// Where a queue list was drawn, so a mouse click can be mapped back to an item.
///
/// The Review and Mail screens draw their queues the same way: a header row at the top of
/// `area`, then `visibleRows` items from `scrollOffset` on.
struct QueueHitTest {
    var area: Rect
    var visibleRows: Int
    var scrollOffset: Int
    var itemCount: Int

    /// Returns the item index at a 0-based cell, or nil on the header, outside the area or below
    /// the last item.
    func index(atColumn column: Int, row: Int) -> Int? {
        guard (area.x..<area.maxX).contains(column) else { return nil }
        let offset = row - (area.y + 1)
        guard offset >= 0, offset < visibleRows else { return nil }
        let index = scrollOffset + offset
        return (0..<itemCount).contains(index) ? index : nil
    }
}
