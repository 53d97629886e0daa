import CLanternShims
import CNcurses
import Glibc

/// The one owner of ncurses: sets the terminal up, draws `ScreenGrid`s, reads keys, and puts
/// the terminal back exactly once.
///
/// Set-up order: check TERM and that stdin and stdout are terminals (before anything is
/// changed, so a refusal leaves the terminal untouched); install signal handlers; redirect
/// stderr to a log; `newterm`; input modes; colours. `restore()` undoes it in reverse and
/// replays the log. Only one `Terminal` may exist at a time.
///
/// It does not draw partial updates: every frame copies the whole grid, and ncurses sends only
/// the cells that changed.
final class Terminal {
    private var screen: OpaquePointer?
    private var redirect: StderrRedirect?
    private var palette: Palette
    private var restored = false
    /// Whether colour is in use; false on terminals without it and with NO_COLOR.
    let colorEnabled: Bool
    /// Whether the terminal reports left-button clicks; false when `mouse` was off or the
    /// terminal has no mouse support, and then input is keys only.
    let mouseEnabled: Bool

    nonisolated(unsafe) private static var active = false

    /// TERM values that name terminals without cursor addressing.
    static let dumbTerminals: Set<String> = ["dumb", "unknown", "emacs", "network", "dialup"]

    /// Checks TERM and the standard streams without changing anything.
    ///
    /// - Throws: `UIError.noTerm`, `.dumbTerminal` or `.notATerminal`.
    static func checkEnvironment(_ environment: [String: String]) throws {
        guard let term = environment["TERM"], !term.isEmpty else { throw UIError.noTerm }
        if dumbTerminals.contains(term) { throw UIError.dumbTerminal(term: term) }
        if isatty(0) == 0 { throw UIError.notATerminal(stream: .input) }
        if isatty(1) == 0 { throw UIError.notATerminal(stream: .output) }
    }

    /// Takes over the terminal.
    ///
    /// - Parameters:
    ///   - theme: colours for the roles.
    ///   - environment: TERM, NO_COLOR, TMPDIR, as read by `ProcessEnvironment`.
    ///   - logPath: where stderr goes meanwhile; nil for a temporary file removed afterwards.
    ///   - mouse: whether to ask for mouse clicks (the config file's `mouse =`).
    /// - Throws: `UIError` when TERM is missing, dumb or unknown, or a stream is not a terminal.
    ///   - crashMessage: the sentence printed if the program crashes meanwhile, given the log path.
    init(theme: Theme, environment: [String: String], logPath: String?, mouse: Bool = true, crashMessage: (String) -> String) throws {
        precondition(!Terminal.active, "only one Terminal may own ncurses at a time")
        try Terminal.checkEnvironment(environment)
        let term = environment["TERM"] ?? ""

        let redirect = try StderrRedirect(logPath: logPath, environment: environment)
        self.redirect = redirect
        SignalState.install(crashMessage: crashMessage(redirect.logPath))

        guard let created = newterm(nil, stdout, stdin) else {
            redirect.restore()
            self.redirect = nil
            SignalState.uninstall()
            throw UIError.unknownTerminal(term: term)
        }
        screen = created
        set_term(created)
        Terminal.active = true

        cbreak()
        noecho()
        nonl()
        keypad(stdscr, true)
        _ = curs_set(0)  // ERR on terminals that cannot hide the cursor; drawing still works.
        set_escdelay(25)  // Esc closes help without the default one-second wait.
        wtimeout(stdscr, 200)  // get_wch returns every 200 ms so a pending signal is seen.
        mouseEnabled = mouse && lantern_mouse_enable() == 1

        var colors = 0
        var defaultColors = false
        if has_colors() && !ProcessEnvironment.colorDisabled(environment) && start_color() == OK {
            colors = Int(COLORS)
            defaultColors = use_default_colors() == OK
        }
        colorEnabled = colors >= 8
        palette = Palette(theme: theme, colors: colors, pairs: colorEnabled ? Int(COLOR_PAIRS) : 0, defaultColors: defaultColors)
        for definition in palette.definitions {
            init_pair(definition.pair, definition.foreground, definition.background)
        }
    }

    deinit {
        restore()
    }

    /// Current size in cells.
    var size: (width: Int, height: Int) {
        (Int(getmaxx(stdscr)), Int(getmaxy(stdscr)))
    }

    /// Copies `grid` to the screen and refreshes. Cells outside the current screen are skipped.
    func draw(_ grid: ScreenGrid) {
        guard !restored else { return }
        let (width, height) = size
        var characters = [wchar_t](repeating: 0, count: DisplayWidth.maximumCombiningScalars + 2)
        var cell = cchar_t()
        for row in 0..<min(height, grid.height) {
            for column in 0..<min(width, grid.width) {
                let source = grid[row: row, column: column]
                if source.isContinuation { continue }
                let look = palette.look(for: source.role, marked: source.marked)
                var count = 0
                for scalar in source.character.unicodeScalars where count < characters.count - 1 {
                    characters[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                characters[count] = 0
                setcchar(&cell, characters, attr_t(look.attributes), look.pair, nil)
                // ERR at the bottom-right cell only means the cursor could not advance.
                mvwadd_wch(stdscr, Int32(row), Int32(column), &cell)
            }
        }
        wrefresh(stdscr)
    }

    /// After KEY_RESIZE: ncurses has already resized stdscr; repaint everything on the next
    /// refresh so nothing of the old size is left behind.
    func prepareForResize() {
        werase(stdscr)
        clearok(stdscr, true)
    }

    /// Waits up to 200 ms for a key or a click. Returns nil on timeout, on a signal, or for an
    /// input the UI does not use.
    func readInput() -> InputEvent? {
        var character: wint_t = 0
        let status = wget_wch(stdscr, &character)
        if status == KEY_CODE_YES && Int32(character) == KEY_MOUSE {
            var column: Int32 = 0
            var row: Int32 = 0
            guard mouseEnabled, lantern_mouse_click(&column, &row) == 1 else { return nil }
            return .click(column: Int(column), row: Int(row))
        }
        return Terminal.key(status: status, character: character).map(InputEvent.key)
    }

    /// Returns the key for a `wget_wch` result, or nil for one the UI does not use.
    private static func key(status: Int32, character: wint_t) -> Key? {
        if status == OK {
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return Key.typed(scalar)
        }
        guard status == KEY_CODE_YES else { return nil }
        switch Int32(character) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_BACKSPACE: return .backspace
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        default: return nil
        }
    }

    /// Ends ncurses, restores stderr and replays the log. Safe to call more than once; only the
    /// first call acts.
    func restore() {
        guard !restored else { return }
        restored = true
        if screen != nil {
            // Blank the alternate screen first. In a tmux pane enlarged while the UI ran, the last
            // screen's bottom lines stayed above the shell prompt after quitting, although nothing
            // was written after leaving the alternate screen. A blank screen leaves nothing there.
            werase(stdscr)
            wrefresh(stdscr)
            endwin()
        }
        redirect?.restore()
        redirect = nil
        SignalState.uninstall()
        if let screen {
            delscreen(screen)
        }
        screen = nil
        Terminal.active = false
    }
}
