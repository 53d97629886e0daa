/// One entry of a screen's key bar: the keys in force for an action and its short label.
struct KeyBarEntry: Equatable {
    var keys: String
    var label: String
    /// Whether the entry stays when the bar is too narrow for every entry (quit and help do).
    var isPinned: Bool

    /// Cells the entry takes: keys, a space, the label.
    var width: Int { DisplayWidth.width(of: keys) + 1 + DisplayWidth.width(of: label) }
}

/// The bottom line of every screen: which keys do what, in table order.
///
/// When the line is too narrow for every entry, entries that are not pinned are left out from
/// the right end until the rest fits. Quit and help are pinned, so they stay visible at every
/// width the screens draw at, such as a Japanese bar at 80 columns. Help lists every binding,
/// including the ones left out here.
enum KeyBar {
    /// Cells between two entries.
    static let gap = 2

    /// Returns the entries to draw on a bar `width` cells wide, in their original order. The bar
    /// starts at column 1 and keeps the last column blank. Pinned entries are kept even when
    /// they alone do not fit, and the grid's edge then cuts the last one.
    static func visibleEntries(_ entries: [KeyBarEntry], width: Int) -> [KeyBarEntry] {
        var kept = entries
        while usedWidth(kept) > width - 1, let index = kept.lastIndex(where: { !$0.isPinned }) {
            kept.remove(at: index)
        }
        return kept
    }

    /// Cells from column 0 to the end of the last entry.
    static func usedWidth(_ entries: [KeyBarEntry]) -> Int {
        1 + entries.reduce(0) { $0 + $1.width } + gap * max(0, entries.count - 1)
    }
}

extension ScreenGrid {
    /// Draws a key bar of `entries` on `row`, leaving out entries as `KeyBar.visibleEntries`
    /// decides.
    mutating func drawKeyBar(_ entries: [KeyBarEntry], row: Int) {
        fill(row: row, role: .keyLabel)
        var x = 1
        for entry in KeyBar.visibleEntries(entries, width: width) {
            x += draw(entry.keys, row: row, column: x, maxWidth: width - x - 1, role: .keyName) + 1
            x += draw(entry.label, row: row, column: x, maxWidth: width - x - 1, role: .keyLabel) + KeyBar.gap
        }
    }
}
