/// Settings of `runReviewUI`, as the `lantern tui` command passes them.
public struct UIOptions: Sendable {
    /// `--lang en|ja`; nil takes the config file's `lang =`, else LC_ALL, LC_MESSAGES and LANG.
    public var language: String?
    /// `--theme`: a name looked up as `<name>.theme` in `themeDirectories`, or a path
    /// containing "/". When nil, the config file's `theme =`, else `dark`.
    public var themeName: String?
    /// `--config`: the config file to read instead of `$XDG_CONFIG_HOME/lantern/config`.
    public var configPath: String?
    /// Directories searched for themes. When nil: `$LANTERN_THEME_DIR`, `./Themes` and
    /// `<prefix>/share/lantern/themes` beside the executable.
    public var themeDirectories: [String]?
    /// Glyphs of the tile graph; `.ascii` for terminals that draw ambiguous-width characters
    /// double-width.
    public var glyphs: GlyphSet
    /// File that receives stderr while the screen is open; nil for a temporary file that is
    /// replayed to stderr and removed on exit.
    public var logPath: String?
    /// Ignore the `review` argument and run on `PreviewReview`'s built-in sample queue, to try
    /// the screen without a store.
    public var preview: Bool
    /// The screen in front when the session starts.
    public var firstScreen: AppScreens.Screen = .review

    public init(
        language: String? = nil, themeName: String? = nil, configPath: String? = nil, themeDirectories: [String]? = nil,
        glyphs: GlyphSet = .unicode, logPath: String? = nil, preview: Bool = false
    ) {
        self.language = language
        self.themeName = themeName
        self.configPath = configPath
        self.themeDirectories = themeDirectories
        self.glyphs = glyphs
        self.logPath = logPath
        self.preview = preview
    }
}
