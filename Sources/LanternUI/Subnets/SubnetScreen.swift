import Foundation
import LanternDarknet
import LanternTriage


/// The "Subnets" screen: the subnet × day heatmap of prototypes, the flags panel, and on
/// request a cell's detail, a row's most similar subnets, or a `/` search.
///
/// Rendering touches only the visible rows and days, so scrolling costs the same over 65,536
/// rows × 365 days as over ten. Cells are drawn from the timeline's byte matrix; no per-cell
/// strings exist outside the visible window.
public final class SubnetScreen {
    /// The panel drawn over the heatmap, if any.
    public enum Overlay: Equatable {
        case none
        case detail(row: Int, day: Int)
        case similar(row: Int)
        case help
    }

    public let timeline: SubnetTimeline?
    public let strings: Strings
    public let glyphs: GlyphSet
    public private(set) var order: SubnetTimeline.Order = .activity
    /// Row indices of the timeline in display order.
    public private(set) var rowOrder: [Int]
    /// Cursor: position in `rowOrder`, and day offset; day −1 is the subnet column.
    public private(set) var cursorRow = 0
    public private(set) var cursorDay = 0
    public private(set) var overlay: Overlay = .none
    /// The `/` query being typed, nil when not searching.
    public private(set) var searchText: String?
    public private(set) var message: String?
    var topRow = 0
    var leftDay = 0
    var visibleRows = 1
    /// Cells at the right end of the status line that another view draws over (the tab names),
    /// so the status line leaves out segments that would reach under them.
    public var statusLineReserve = 0
    var visibleDays = 1
    /// Where the last render drew the heatmap (day ruler included) and the width of its subnet
    /// column; nil when it drew none, so a click then selects nothing.
    var heatmapArea: (rect: Rect, labelWidth: Int)?
    private var nextFlagIndex = 0

    /// The key table in force; help and key bar come from it.
    public let keyMap: KeyMap<SubnetAction>

    public init(timeline: SubnetTimeline?, strings: Strings, glyphs: GlyphSet = .unicode, keyMap: KeyMap<SubnetAction> = .subnets) {
        self.timeline = timeline
        self.strings = strings
        self.glyphs = glyphs
        self.keyMap = keyMap
        rowOrder = timeline?.ordering(.activity) ?? []
        cursorDay = max(0, (timeline?.dayCount ?? 1) - 1)
    }

    /// Whether typed characters belong to this screen (a search is open), so Tab and digits
    /// must not switch screens.
    public var capturesText: Bool { searchText != nil }

    /// The timeline row under the cursor.
    public var selectedRow: Int? {
        rowOrder.indices.contains(cursorRow) ? rowOrder[cursorRow] : nil
    }

    // MARK: - Keys

    public func handle(_ key: Key) -> ScreenEffect {
        if key == .resize { return .redraw }
        if searchText != nil { return handleSearch(key) }
        if key == .escape {
            guard overlay != .none else { return .none }
            overlay = .none
            return .redraw
        }
        guard let action = keyMap.action(for: key) else { return .none }
        return perform(action)
    }

    public func perform(_ action: SubnetAction) -> ScreenEffect {
        message = nil
        if case .help = overlay, action != .quit {
            overlay = .none
            return .redraw
        }
        guard let timeline, !rowOrder.isEmpty || action == .quit || action == .toggleHelp else {
            return action == .quit ? .quit : .none
        }
        switch action {
        case .up: move(rows: -1)
        case .down: move(rows: 1)
        case .pageUp: move(rows: -max(1, visibleRows))
        case .pageDown: move(rows: max(1, visibleRows))
        case .left: cursorDay = max(-1, cursorDay - 1)
        case .right: cursorDay = min(timeline.dayCount - 1, cursorDay + 1)
        case .firstDay: cursorDay = 0
        case .lastDay: cursorDay = timeline.dayCount - 1
        case .open: openAtCursor()
        case .similar: if let row = selectedRow { overlay = .similar(row: row) }
        case .cycleOrder: cycleOrder()
        case .search: searchText = ""
        case .nextFlag: jumpToNextFlag()
        case .toggleHelp: overlay = overlay == .help ? .none : .help
        case .quit: return .quit
        }
        return .redraw
    }

    /// Puts the cursor on a row position and day (−1: the subnet column), as a click does.
    func moveCursor(toPosition position: Int, day: Int) {
        message = nil
        cursorRow = max(0, min(rowOrder.count - 1, position))
        cursorDay = day
    }

    private func move(rows delta: Int) {
        cursorRow = max(0, min(rowOrder.count - 1, cursorRow + delta))
        if case .detail = overlay { overlay = .none }
    }

    private func openAtCursor() {
        guard let row = selectedRow else { return }
        overlay = cursorDay < 0 ? .similar(row: row) : .detail(row: row, day: cursorDay)
    }

    private func cycleOrder() {
        guard let timeline else { return }
        let all = SubnetTimeline.Order.allCases
        order = all[((all.firstIndex(of: order) ?? 0) + 1) % all.count]
        let selected = selectedRow
        rowOrder = timeline.ordering(order)
        if let selected, let position = rowOrder.firstIndex(of: selected) { cursorRow = position }
        // The status line names the order only when it is wide enough; the message line always.
        message = strings(.subnetsOrderChanged, ["order": orderName])
    }

    /// The current row order's name in the screen's language.
    var orderName: String {
        strings([.orderActivity, .orderAddress, .orderSimilarity][SubnetTimeline.Order.allCases.firstIndex(of: order) ?? 0])
    }

    private func jumpToNextFlag() {
        guard let timeline, !timeline.flags.isEmpty else {
            message = strings(.flagsNone)
            return
        }
        let flag = timeline.flags[nextFlagIndex % timeline.flags.count]
        nextFlagIndex += 1
        if let row = timeline.row(ofSubnet: flag.subnet), let position = rowOrder.firstIndex(of: row) {
            cursorRow = position
            cursorDay = flag.day - timeline.firstDay
        }
    }

    private func handleSearch(_ key: Key) -> ScreenEffect {
        switch key {
        case .escape:
            searchText = nil
        case .enter:
            let query = searchText ?? ""
            searchText = nil
            search(query)
        case .backspace:
            searchText = String((searchText ?? "").dropLast())
        case .character(let character):
            if character == "\u{7F}" || character == "\u{08}" {
                searchText = String((searchText ?? "").dropLast())
            } else if character == "\u{15}" {
                // Ctrl-U clears the line, as in a shell.
                searchText = ""
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                // Other control keys have no meaning in an address.
                return .none
            } else if searchText?.count ?? 0 < 60 {
                searchText?.append(character)
            }
        default:
            return .none
        }
        return .redraw
    }

    /// Jumps to the first subnet in display order that overlaps `query`; the cursor goes to
    /// that subnet's newest flagged day, or its last active day.
    func search(_ query: String) {
        guard let timeline else { return }
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard CIDRBlock(trimmed) != nil else {
            message = strings(.searchInvalid, ["query": SafeText.line(trimmed)])
            return
        }
        guard let position = timeline.find(trimmed, in: rowOrder) else {
            message = strings(.searchNotFound, ["query": SafeText.line(trimmed)])
            return
        }
        cursorRow = position
        let row = rowOrder[position]
        if let flag = timeline.flags.first(where: { $0.subnet == timeline.rows[row].subnet }) {
            cursorDay = flag.day - timeline.firstDay
        } else if let last = (0..<timeline.dayCount).last(where: { timeline.cell(row: row, day: $0) != StoredSequenceByte.noData }) {
            cursorDay = last
        }
        overlay = .none
    }
}

/// The stored sequence byte values the screen interprets.
enum StoredSequenceByte {
    static let noData: UInt8 = 255
    static let thinMark: UInt8 = 0x80
}
