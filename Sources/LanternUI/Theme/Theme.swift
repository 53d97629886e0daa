/// A colour as a theme file names it.
public enum ThemeColor: Equatable, Sendable {
    /// The terminal's own foreground or background (ncurses colour -1).
    case terminalDefault
    /// An xterm palette index 0–255: 0–7 the basic colours, 8–15 their bright forms,
    /// 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    case indexed(Int)

    /// Names accepted for 0–7, in palette order.
    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
}

/// Text attributes a role may add.
public struct ThemeAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = ThemeAttributes(rawValue: 1)
    public static let dim = ThemeAttributes(rawValue: 2)
    public static let underline = ThemeAttributes(rawValue: 4)
    public static let reverse = ThemeAttributes(rawValue: 8)

    static let names: [(String, ThemeAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]
}

/// Colours and attributes of one role.
public struct RoleStyle: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: ThemeAttributes

    public init(foreground: ThemeColor, background: ThemeColor, attributes: ThemeAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Colours and attributes for every `ColorRole`, loaded from a plain text file.
///
/// File format, one role per line:
///
///     # comment to the end of the line
///     role = foreground background attributes
///
/// `role` is a `ColorRole` name (`status`, `selection`, `tile-backscatter-3`, …). A colour is
/// `default` (the terminal's own), a basic name (`black` `red` `green` `yellow` `blue`
/// `magenta` `cyan` `white`), `bright-` plus a basic name (8–15), or an xterm palette number
/// 0–255. `attributes` is `none` or a comma-separated list of `bold`, `dim`, `underline`,
/// `reverse`; it may be left out. Roles the file does not name keep the built-in dark
/// theme's style. On terminals with fewer than 256 colours the palette maps down (see
/// `Palette`), so a theme written for 256 colours still works with 8.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [ColorRole: RoleStyle]

    /// Returns the style for `role`. Roles missing from `styles` fall back to the built-in dark
    /// theme.
    public subscript(role: ColorRole) -> RoleStyle {
        styles[role] ?? Theme.dark.styles[role] ?? RoleStyle(foreground: .terminalDefault, background: .terminalDefault)
    }

    /// The built-in default, identical to `Themes/dark.theme` (a test compares them).
    public static let dark: Theme = {
        switch Theme.parse(BuiltInThemes.dark, path: "<built-in dark.theme>", name: "dark", base: [:]) {
        case .success(let theme): return theme
        case .failure(let error): preconditionFailure("built-in dark theme is invalid: \(error)")
        }
    }()

    /// Parses theme text. `path` names the file in errors; `base` supplies roles the text
    /// leaves out. Returns the first bad line as an error.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: String, path: String, name: String, base: [ColorRole: RoleStyle]? = nil) -> Result<Theme, ThemeError> {
        var styles = base ?? Theme.dark.styles
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.prefix { $0 != "#" }.trimmingSpaces()
            if line.isEmpty { continue }
            switch parseLine(line, path: path, line: lineNumber) {
            case .success(let (role, style)): styles[role] = style
            case .failure(let error): return .failure(error)
            }
        }
        return .success(Theme(name: name, styles: styles))
    }

    static func parseLine(_ line: String, path: String, line number: Int) -> Result<(ColorRole, RoleStyle), ThemeError> {
        func failure(_ kind: ThemeError.Kind, _ value: String) -> Result<(ColorRole, RoleStyle), ThemeError> {
            .failure(ThemeError(kind: kind, path: path, line: number, value: value))
        }
        let sides = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard sides.count == 2 else { return failure(.syntax, line) }
        let roleName = String(sides[0]).trimmingSpaces()
        let fields = sides[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !roleName.isEmpty, fields.count == 2 || fields.count == 3 else { return failure(.syntax, line) }
        guard let role = ColorRole(rawValue: roleName) else { return failure(.unknownRole, roleName) }
        guard let foreground = parseColor(fields[0]) else { return failure(.unknownColor, fields[0]) }
        guard let background = parseColor(fields[1]) else { return failure(.unknownColor, fields[1]) }
        var attributes: ThemeAttributes = []
        if fields.count == 3 {
            guard let parsed = parseAttributes(fields[2]) else { return failure(.unknownAttribute, fields[2]) }
            attributes = parsed
        }
        return .success((role, RoleStyle(foreground: foreground, background: background, attributes: attributes)))
    }

    static func parseColor(_ text: String) -> ThemeColor? {
        let name = text.lowercased()
        if name == "default" { return .terminalDefault }
        if let index = ThemeColor.basicNames.firstIndex(of: name) { return .indexed(index) }
        if name.hasPrefix("bright-"), let index = ThemeColor.basicNames.firstIndex(of: String(name.dropFirst(7))) {
            return .indexed(index + 8)
        }
        if let number = Int(name), (0...255).contains(number) { return .indexed(number) }
        return nil
    }

    /// Returns nil when any item is unknown; the error then names the whole field.
    static func parseAttributes(_ text: String) -> ThemeAttributes? {
        if text.lowercased() == "none" { return [] }
        var attributes: ThemeAttributes = []
        for item in text.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            guard let match = ThemeAttributes.names.first(where: { $0.0 == item }) else { return nil }
            attributes.insert(match.1)
        }
        return attributes
    }
}

extension StringProtocol {
    /// Returns the text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
