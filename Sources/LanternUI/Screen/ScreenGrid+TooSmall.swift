extension ScreenGrid {
    /// Clears the grid and draws the notice that the terminal is smaller than the screens need,
    /// wrapped by display cells and centred vertically. Every screen shows the same notice.
    mutating func drawTooSmallNotice(_ strings: Strings) {
        clear(role: .normal)
        guard width > 0, height > 0 else { return }
        let text = strings(.tooSmall, ["width": String(ReviewScreen.minimumWidth), "height": String(ReviewScreen.minimumHeight)])
        let lines = DisplayWidth.wrap(text, width: width)
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.prefix(height).enumerated() {
            draw(line, row: top + index, column: 0, role: .normal)
        }
    }

    /// Whether the grid is large enough for the screens' layout.
    var fitsScreens: Bool {
        width >= ReviewScreen.minimumWidth && height >= ReviewScreen.minimumHeight
    }
}
