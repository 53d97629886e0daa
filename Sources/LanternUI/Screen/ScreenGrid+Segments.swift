extension ScreenGrid {
    /// Draws `segments` from column 1 of `row`, joined by " | ", each one whole or not at all:
    /// a status line never shows a number cut short. The first segment is drawn even when it
    /// alone passes `limit` (the grid's edge still cuts it).
    ///
    /// - Parameter limit: the column no segment may reach, such as the start of the tab names.
    mutating func drawWholeSegments(_ segments: [(text: String, role: ColorRole)], row: Int, limit: Int) {
        var x = 1
        for (index, segment) in segments.enumerated() {
            let separator = index > 0 ? " | " : ""
            guard index == 0 || x + DisplayWidth.width(of: separator + segment.text) <= limit else { break }
            if index > 0 { x += draw(separator, row: row, column: x, maxWidth: width - x - 1, role: .status) }
            x += draw(segment.text, row: row, column: x, maxWidth: width - x - 1, role: segment.role)
        }
    }
}
