import LanternTriage

/// Runs the backscatter review screen on the controlling terminal until the analyst quits.
///
/// Sets the locale, chooses the language and theme, takes over the terminal, and loops:
/// draw, read a key, act. Every label is stored by `review.label(_:as:)` before the screen
/// moves on, so quitting at any time loses nothing. The terminal is restored on every way out:
/// return, thrown error, SIGINT/SIGTERM, and crash signals.
///
/// - Parameters:
///   - review: the analyst loop over the store; replaced by `PreviewReview` when
///     `options.preview` is set.
///   - options: language, theme, glyphs, log file.
///   - subnets: the subnet timeline of the "Subnets" screen; nil shows how to make one.
///   - mail: the mail loop of the "Mail" screen; nil when the store contains no mail.
/// - Throws: `UIError` when the terminal cannot be used (no TERM, a dumb or unknown TERM,
///   stdin or stdout not a terminal) or when SIGINT/SIGTERM ended the session
///   (`.interrupted`, after the terminal was restored). Show `error.message(strings)` or
///   `String(describing:)` to the user.
public func runReviewUI(review: BackscatterReview, options: UIOptions, subnets: SubnetTimeline? = nil, mail: MailReview? = nil) throws {
    let environment = ProcessEnvironment.snapshot()
    let utf8 = ProcessLocale.isUTF8
    let strings = try Strings.select(explicit: options.language, environment: environment)

    var notices: [String] = []
    if !utf8 { notices.append(strings(.errorNoUTF8Locale)) }
    let directories = options.themeDirectories
        ?? Theme.defaultDirectories(environment: environment, executablePath: ProcessEnvironment.executablePath())
    let (theme, themeError) = Theme.load(name: options.themeName, directories: directories)
    if let themeError { notices.append(themeError.message(strings)) }

    let source: BackscatterReview = options.preview ? PreviewReview() : review
    let screen = ReviewScreen(review: source, strings: strings, glyphs: options.glyphs, notices: notices)
    let screens = AppScreens(review: screen, subnets: SubnetScreen(timeline: subnets, strings: strings, glyphs: options.glyphs),
                             mail: MailScreen(review: options.preview ? nil : mail, strings: strings))
    let terminal = try Terminal(theme: theme, environment: environment, logPath: options.logPath) { log in
        strings(.errorCrashed, ["log": log])
    }
    defer { terminal.restore() }
    try runEventLoop(screens: screens, terminal: terminal)
}

/// Draws and reads keys until the screen returns `.quit` or a signal arrives.
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
        guard let key = terminal.readKey() else { continue }
        if key == .resize { terminal.prepareForResize() }
        switch screens.handle(key) {
        case .none: break
        case .redraw: needsDraw = true
        case .quit: return
        }
        if key == .resize { needsDraw = true }
    }
}
