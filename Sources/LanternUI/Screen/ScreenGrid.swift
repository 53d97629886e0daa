/// One cell of a `ScreenGrid`.
public struct Cell: Equatable, Sendable {
    /// The cell's content: one character of width 1 or 2, possibly with combining marks.
    /// A continuation cell (the right half of a wide character) contains a space.
    public var character: Character
    /// Display width: 1 or 2 for a cell that starts a character, 0 for a continuation cell.
    public var width: Int
    public var role: ColorRole
    /// Drawn underlined and bold on top of the role, for the selected tile-graph column.
    public var marked: Bool

    public init(character: Character = " ", width: Int = 1, role: ColorRole = .normal, marked: Bool = false) {
        self.character = character
        self.width = width
        self.role = role
        self.marked = marked
    }

    /// True for the right half of a double-width character.
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen of `width` × `height` cells that every view draws into.
///
/// The `Terminal` copies it to ncurses; tests inspect it directly, so no terminal is needed to
/// check a layout. Everything drawn passes through `SafeText.escapingControls(_:)`, so no
/// control, bidi or invisible character reaches a cell whatever the caller forgot.
///
/// Every mutating method keeps three invariants. Each row's widths sum to `width`. A width-2
/// cell is always followed by a continuation cell, and a continuation cell always follows a
/// width-2 cell. Drawing over half of a wide character blanks its other half.
public struct ScreenGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// Creates a grid of spaces. Negative sizes count as 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(row row: Int, column column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Draws one line of text at (`row`, `column`), clipped to `maxWidth` cells (default: to the
    /// right edge), and returns the number of cells used. Nothing wraps. A wide character that
    /// does not fit whole is replaced by a space.
    @discardableResult
    public mutating func draw(
        _ text: String, row: Int, column: Int, maxWidth: Int? = nil, role: ColorRole = .normal,
        marked: Bool = false
    ) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let limit = min(width, column + max(0, maxWidth ?? width))
        var x = column
        for cluster in DisplayWidth.clusters(of: SafeText.escapingControls(text)) {
            if x >= limit { break }
            if x + cluster.width > limit {
                // A wide character at the edge: a space keeps the row's width exact.
                if x >= 0 { put(" ", width: 1, row: row, column: x, role: role, marked: marked) }
                x += 1
                break
            }
            if x >= 0 {
                put(Character(cluster.text), width: cluster.width, row: row, column: x, role: role, marked: marked)
            }
            x += cluster.width
        }
        return max(0, x - max(column, 0))
    }

    /// Fills `count` cells of `row` from `column` with spaces of `role`.
    public mutating func fill(row: Int, column: Int = 0, count: Int? = nil, role: ColorRole) {
        guard row >= 0, row < height else { return }
        let start = max(0, column)
        let end = min(width, column + (count ?? width))
        guard start < end else { return }
        for x in start..<end {
            put(" ", width: 1, row: row, column: x, role: role, marked: false)
        }
    }

    /// Fills the whole grid with spaces of `role`.
    public mutating func clear(role: ColorRole = .normal) {
        cells = Array(repeating: Cell(role: role), count: width * height)
    }

    /// Row `row` as plain text; continuation cells are left out, so the text reads as drawn.
    public func rowText(_ row: Int) -> String {
        var text = ""
        for x in 0..<width where !self[row: row, column: x].isContinuation {
            text.append(self[row: row, column: x].character)
        }
        return text
    }

    /// Every row as text, joined with newlines.
    public var text: String {
        (0..<height).map(rowText).joined(separator: "\n")
    }

    // MARK: - Cell writes that keep the invariants

    private mutating func put(_ character: Character, width cellWidth: Int, row: Int, column: Int, role: ColorRole, marked: Bool) {
        let base = row * width
        breakWideCharacter(at: column, row: row)
        if cellWidth == 2 {
            breakWideCharacter(at: column + 1, row: row)
        }
        cells[base + column] = Cell(character: character, width: cellWidth, role: role, marked: marked)
        if cellWidth == 2 {
            cells[base + column + 1] = Cell(character: " ", width: 0, role: role, marked: marked)
        }
    }

    /// Before `column` is overwritten: if it is half of a wide character, blanks the other half.
    private mutating func breakWideCharacter(at column: Int, row: Int) {
        guard column < width else { return }
        let base = row * width
        let cell = cells[base + column]
        if cell.isContinuation, column > 0 {
            cells[base + column - 1] = Cell(role: cells[base + column - 1].role)
            cells[base + column] = Cell(role: cell.role)
        } else if cell.width == 2, column + 1 < width {
            cells[base + column + 1] = Cell(role: cell.role)
        }
    }
}
