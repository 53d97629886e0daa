/// Theme roles turned into ncurses colour pairs and attributes for one terminal's
/// capabilities.
///
/// Only colour numbers below `colors` and pair numbers below `pairs` are ever produced, so
/// 8-colour / 64-pair terminals (xterm, linux), 256-colour ones and terminals without colour
/// (vt100, NO_COLOR) all work. Palette indices above the terminal's range map down: 8–15 to
/// 0–7 plus bold, the cube and grey ramp to the basic colour of the same hue. Roles beyond
/// the available pairs keep their attributes only. Without colour, a role with a background
/// colour is drawn in reverse video, and the selection is always reverse and bold.
struct Palette: Equatable {
    /// One `init_pair` call.
    struct PairDefinition: Equatable {
        var pair: Int16
        var foreground: Int16
        var background: Int16
    }

    /// Attributes and pair for a role.
    struct Look: Equatable {
        var attributes: UInt32
        var pair: Int16
    }

    private(set) var definitions: [PairDefinition] = []
    private(set) var looks: [ColorRole: Look] = [:]

    /// - Parameters:
    ///   - colors: `COLORS`, or 0 when colour is off (no `has_colors`, or NO_COLOR).
    ///   - pairs: `COLOR_PAIRS`; pair 0 is the terminal default and never redefined.
    ///   - defaultColors: whether `use_default_colors` succeeded, so -1 may be used.
    init(theme: Theme, colors: Int, pairs: Int, defaultColors: Bool) {
        let usablePairs = min(pairs, Int(Int16.max))
        var nextPair = 1
        for role in ColorRole.allCases {
            let style = theme[role]
            var attributes = NcursesAttributes.value(of: style.attributes)
            var pair: Int16 = 0
            if colors >= 8 {
                var foreground = Palette.map(style.foreground, colors: colors, defaultColors: defaultColors, isBackground: false)
                let background = Palette.map(style.background, colors: colors, defaultColors: defaultColors, isBackground: true)
                if colors < 16, case .indexed(let index) = style.foreground, (8...15).contains(index) {
                    attributes |= NcursesAttributes.bold
                }
                if foreground == background && foreground >= 0 {
                    foreground = background == 0 ? 7 : 0
                }
                if nextPair < usablePairs {
                    pair = Int16(nextPair)
                    definitions.append(PairDefinition(pair: pair, foreground: Int16(foreground), background: Int16(background)))
                    nextPair += 1
                }
            }
            if pair == 0 {
                // No colour for this role: background colour becomes reverse video.
                if style.background != .terminalDefault { attributes |= NcursesAttributes.reverse }
            }
            if role == .selection && (pair == 0 || colors < 8) {
                attributes |= NcursesAttributes.reverse | NcursesAttributes.bold
            }
            looks[role] = Look(attributes: attributes, pair: pair)
        }
    }

    /// Attributes and pair for `role`; `marked` cells add underline and bold.
    func look(for role: ColorRole, marked: Bool) -> Look {
        var look = looks[role] ?? Look(attributes: 0, pair: 0)
        if marked { look.attributes |= NcursesAttributes.underline | NcursesAttributes.bold }
        return look
    }

    /// Maps a theme colour to a colour number below `colors`, or -1 for the terminal default.
    static func map(_ color: ThemeColor, colors: Int, defaultColors: Bool, isBackground: Bool) -> Int {
        guard case .indexed(let index) = color else {
            return defaultColors ? -1 : (isBackground ? 0 : 7)
        }
        if index < colors { return index }
        if index < 16 { return index - 8 }
        let (red, green, blue) = rgb(ofPaletteIndex: index)
        let basic = basicColor(red: red, green: green, blue: blue)
        if colors >= 16 && max(red, green, blue) >= 215 && basic != 0 { return basic + 8 }
        return basic
    }

    /// Returns the basic colour (0–7) of the same hue. A channel is "on" when it is above the
    /// midpoint of the brightest and darkest channel, and near-greys become black or white.
    static func basicColor(red: Int, green: Int, blue: Int) -> Int {
        let high = max(red, green, blue)
        let low = min(red, green, blue)
        if high - low < 40 { return high >= 128 ? 7 : 0 }
        let middle = (high + low) / 2
        return (red > middle ? 1 : 0) + (green > middle ? 2 : 0) + (blue > middle ? 4 : 0)
    }

    /// RGB of an xterm 256-colour palette index 16–255.
    static func rgb(ofPaletteIndex index: Int) -> (Int, Int, Int) {
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = index - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }
}

/// ncurses attribute bits, because `A_BOLD` and the others are `NCURSES_BITS` macros that
/// Swift does not import. Each is `1 << (bit + NCURSES_ATTR_SHIFT)` with the shift 8 of
/// ncurses 6. A test checks the shift through `lantern_color_pair`.
enum NcursesAttributes {
    static let underline: UInt32 = 1 << (9 + 8)
    static let reverse: UInt32 = 1 << (10 + 8)
    static let dim: UInt32 = 1 << (12 + 8)
    static let bold: UInt32 = 1 << (13 + 8)

    static func value(of attributes: ThemeAttributes) -> UInt32 {
        var value: UInt32 = 0
        if attributes.contains(.bold) { value |= bold }
        if attributes.contains(.dim) { value |= dim }
        if attributes.contains(.underline) { value |= underline }
        if attributes.contains(.reverse) { value |= reverse }
        return value
    }
}
