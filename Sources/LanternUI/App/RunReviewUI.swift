import Glibc
import LanternTriage

/// Runs the backscatter review screen on the controlling terminal until the analyst quits.
///
/// Sets the locale, reads the config file, chooses the language, theme and key tables, takes
/// over the terminal, and loops: draw, read a key or click, act. Problems with the config file
/// or theme are shown on the message line until the first key, and the rest still applies. Every label is stored by `review.label(_:as:)` before the screen
/// moves on, so quitting at any time loses nothing. The terminal is restored on every way out:
/// return, thrown error, SIGINT/SIGTERM, and crash signals.
///
/// - Parameters:
///   - review: the analyst loop over the store; replaced by `PreviewReview` when
///     `options.preview` is set.
///   - options: language, theme, config file, glyphs, log file; `--lang` and `--theme` take
///     precedence over the config file.
///   - subnets: the subnet timeline of the "Subnets" screen; nil shows how to make one.
///   - mail: the mail loop of the "Mail" screen; nil when the store contains no mail.
/// - Throws: `UIError` when the terminal cannot be used (no TERM, a dumb or unknown TERM,
///   stdin or stdout not a terminal) or when SIGINT/SIGTERM ended the session
///   (`.interrupted`, after the terminal was restored). Show `error.message(strings)` or
///   `String(describing:)` to the user.
public func runReviewUI(review: BackscatterReview, options: UIOptions, subnets: SubnetTimeline? = nil, mail: MailReview? = nil) throws {
    let environment = ProcessEnvironment.snapshot()
    let utf8 = ProcessLocale.isUTF8
    let (config, configErrors) = Config.load(explicitPath: options.configPath, environment: environment)
    let strings = try Strings.select(explicit: options.language ?? config.language, environment: environment)

    var notices: [String] = []
    if !utf8 { notices.append(strings(.errorNoUTF8Locale)) }
    notices += configErrors.map { $0.message(strings) }
    let directories = options.themeDirectories
        ?? Theme.defaultDirectories(environment: environment, executablePath: ProcessEnvironment.executablePath())
    let (theme, themeError) = Theme.load(name: options.themeName ?? config.theme ?? "dark", directories: directories)
    if let themeError { notices.append(themeError.message(strings)) }

    let (reviewKeys, reviewKeyErrors) = KeyMap.review.applying(config)
    let (subnetKeys, subnetKeyErrors) = KeyMap.subnets.applying(config)
    let (mailKeys, mailKeyErrors) = KeyMap.mail.applying(config)
    notices += (reviewKeyErrors + subnetKeyErrors + mailKeyErrors).map { $0.message(strings) }

    let source: BackscatterReview = options.preview ? PreviewReview() : review
    let screen = ReviewScreen(review: source, strings: strings, keyMap: reviewKeys, glyphs: options.glyphs, notices: notices)
    let subnetScreen = SubnetScreen(timeline: subnets, strings: strings, glyphs: options.glyphs, keyMap: subnetKeys)
    let screens = AppScreens(review: screen, subnets: subnetScreen, mail: MailScreen(review: options.preview ? nil : mail, strings: strings, keyMap: mailKeys),
                             front: options.firstScreen)
    let terminal = try Terminal(theme: theme, environment: environment, logPath: options.logPath, mouse: config.mouse ?? true) { log in
        strings(.errorCrashed, ["log": log])
    }
    defer { terminal.restore() }
    // The message line is one row and clears at the first key, so every notice also goes to
    // stderr, which the terminal keeps in its log and prints in full after the screen closes.
    for notice in notices { fputs(notice + "\n", stderr) }
    try runEventLoop(screens: screens, terminal: terminal)
}

/// Draws and reads input until the screen returns `.quit` or a signal arrives.
func runEventLoop(screens: AppScreens, terminal: Terminal) throws {
    var needsDraw = true
    while true {
        let signal = SignalState.takePending()
        if signal != 0 { throw UIError.interrupted(signal: signal) }
        if needsDraw {
            let (width, height) = terminal.size
            terminal.draw(screens.render(width: width, height: height))
            needsDraw = false
        }
        guard let input = terminal.readInput() else { continue }
        let effect: ScreenEffect
        switch input {
        case .key(let key):
            if key == .resize {
                terminal.prepareForResize()
                needsDraw = true
            }
            effect = screens.handle(key)
        case .click(let column, let row):
            effect = screens.handleClick(column: column, row: row)
        }
        switch effect {
        case .none: break
        case .redraw: needsDraw = true
        case .quit: return
        }
    }
}
