/// The settings of `$XDG_CONFIG_HOME/lantern/config`: theme, language, mouse and key
/// rebindings.
///
/// File format, one setting per line:
///
///     # a comment: a line whose first non-blank character is "#"
///     theme = colorblind
///     lang = ja
///     mouse = off
///     key review.label-backscatter = x B
///
/// `key <screen>.<action> = <key> [<key>…]` replaces every key of the action with the keys
/// listed, separated by spaces: a single character, or a name from `Key.configNames`. `#`
/// starts a comment only at the start of a line, so `#` and `=` can be bound. Tab, the
/// digits and Esc cannot be bound. A later line for the same setting or action replaces an
/// earlier one.
///
/// `parse` is pure, so it can be fuzzed. A bad line yields a `ConfigError` naming the path and
/// line, the line is skipped, and every other line still applies. `KeyMap.applying(_:)` later
/// checks key lines against a screen's actions and for conflicts.
public struct Config: Equatable, Sendable {
    /// The file the settings came from, for messages; empty when there was no file.
    public var path: String
    /// `theme =`: a theme name or path, as `--theme` takes it.
    public var theme: String?
    /// `lang =`: `en` or `ja`.
    public var language: String?
    /// `mouse =`: false turns mouse reporting off so the terminal's own text selection works.
    public var mouse: Bool?
    /// `key` lines with a known screen and valid keys, in file order.
    public var rebindings: [KeyRebinding]

    public init(path: String = "", theme: String? = nil, language: String? = nil, mouse: Bool? = nil, rebindings: [KeyRebinding] = []) {
        self.path = path
        self.theme = theme
        self.language = language
        self.mouse = mouse
        self.rebindings = rebindings
    }

    /// Screen names a `key` line may use. A new screen adds its `KeyAction.screenName` here.
    public static let screens = [ReviewAction.screenName, SubnetAction.screenName, MailAction.screenName]

    /// Setting names, for the message about an unknown one.
    static let settingNames = ["theme", "lang", "mouse", "key"]

    /// Parses config text. `path` names the file in errors; `screens` are the names a `key`
    /// line may use.
    ///
    /// - Returns: the settings of every valid line, and one error per invalid line, in line order.
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: String, path: String, screens: [String] = Config.screens) -> (config: Config, errors: [ConfigError]) {
        var config = Config(path: path)
        var errors: [ConfigError] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let error = config.apply(line, screens: screens, location: ConfigError.Location(path: path, line: lineNumber)) {
                errors.append(error)
            }
        }
        return (config, errors)
    }

    /// Applies one non-blank, non-comment line; returns the error when the line is invalid.
    private mutating func apply(_ line: String, screens: [String], location: ConfigError.Location) -> ConfigError? {
        let sides = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard sides.count == 2 else { return ConfigError(.syntax(line: line), at: location) }
        let name = sides[0].trimmingSpaces()
        let value = sides[1].trimmingSpaces()
        let nameWords = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)

        switch nameWords.first?.lowercased() {
        case "theme" where nameWords.count == 1:
            guard !value.isEmpty else { return ConfigError(.missingValue(setting: "theme"), at: location) }
            theme = value
        case "lang" where nameWords.count == 1:
            guard let language = Strings.Language(rawValue: value.lowercased()) else {
                return ConfigError(.invalidLanguage(value: value), at: location)
            }
            self.language = language.rawValue
        case "mouse" where nameWords.count == 1:
            switch value.lowercased() {
            case "on", "yes", "true": mouse = true
            case "off", "no", "false": mouse = false
            default: return ConfigError(.invalidMouse(value: value), at: location)
            }
        case "key" where nameWords.count == 2:
            switch Config.parseRebinding(target: nameWords[1], value: value, screens: screens, line: location.line) {
            case .success(let rebinding): rebindings.append(rebinding)
            case .failure(let kind): return ConfigError(kind, at: location)
            }
        case "key":
            return ConfigError(.syntax(line: line), at: location)
        default:
            let unknown = nameWords.first ?? name
            return ConfigError(.unknownSetting(name: unknown, nearest: Config.nearest(unknown, in: Config.settingNames)), at: location)
        }
        return nil
    }

    /// Parses the `<screen>.<action>` target and the key list of a `key` line.
    private static func parseRebinding(target: String, value: String, screens: [String], line: Int) -> Result<KeyRebinding, ConfigError.Kind> {
        let parts = target.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            return .failure(.invalidTarget(target: target))
        }
        let screen = parts[0].lowercased()
        guard screens.contains(screen) else {
            return .failure(.unknownScreen(screen: parts[0], screens: screens, nearest: nearest(screen, in: screens)))
        }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return .failure(.missingKeys(target: target)) }
        var keys: [Key] = []
        for word in words {
            guard let key = Key.parseConfigName(word) else { return .failure(.unknownKey(key: word)) }
            guard !Key.unbindableKeys.contains(key) else { return .failure(.reservedKey(key: word)) }
            if !keys.contains(key) { keys.append(key) }
        }
        return .success(KeyRebinding(screen: screen, action: parts[1].lowercased(), keys: keys, line: line))
    }

    /// Returns the candidate nearest to `name` by edit distance when it is at most 2 edits
    /// away, for "did you mean" in messages.
    static func nearest(_ name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(name.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < name.count else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    ///
    /// - Complexity: O(m × n) in the two lengths; inputs here are short names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// One `key` line of the config file: the keys it binds to a screen's action.
public struct KeyRebinding: Equatable, Sendable {
    /// A `KeyAction.screenName`.
    public var screen: String
    /// The action's `configName`, not yet checked against the screen's actions.
    public var action: String
    /// The new keys, without duplicates; never empty, never a screen-switch key or Esc.
    public var keys: [Key]
    /// 1-based line number in the config file.
    public var line: Int
}
