/// An input from the terminal: a key, or a left-button click at a cell where the terminal
/// reports the mouse.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    /// 0-based cell column and row.
    case click(column: Int, row: Int)
}
