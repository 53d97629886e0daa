/// A key press as the screens see it, independent of ncurses key codes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up
    case down
    case left
    case right
    case backspace
    case pageUp
    case pageDown
    case home
    case end
    case tab
    case enter
    case escape
    /// The terminal changed size (ncurses KEY_RESIZE after SIGWINCH).
    case resize

    /// Returns the key for a typed character. Full-width ASCII forms (U+FF01–FF5E) and the
    /// ideographic space (U+3000), which a Japanese input method sends while it is on, are mapped
    /// to their ASCII forms, so "ｂ" labels too and the space bar works with the input method on.
    public static func typed(_ scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x3000: return .character(" ")
        case 0xFF01...0xFF5E:
            if let ascii = Unicode.Scalar(scalar.value - 0xFF01 + 0x21) {
                return .character(Character(ascii))
            }
            return .character(Character(scalar))
        default:
            return .character(Character(scalar))
        }
    }

    /// Returns the key's name as shown in the key bar and help. A space or another blank
    /// character gets a name, since it would show as an empty cell.
    func displayName(_ strings: Strings) -> String {
        switch self {
        case .character(" "): return strings(.keySpace)
        case .character(let character) where character.unicodeScalars.allSatisfy(\.properties.isWhitespace):
            return character.unicodeScalars.map(Key.codePointName).joined(separator: " ")
        case .character(let character): return String(character)
        case .up: return strings(.keyUp)
        case .down: return strings(.keyDown)
        case .left: return strings(.keyLeft)
        case .right: return strings(.keyRight)
        case .backspace: return strings(.keyBackspace)
        case .pageUp: return strings(.keyPageUp)
        case .pageDown: return strings(.keyPageDown)
        case .home: return strings(.keyHome)
        case .end: return strings(.keyEnd)
        case .tab: return strings(.keyTab)
        case .enter: return strings(.keyEnter)
        case .escape: return strings(.keyEscape)
        case .resize: return ""
        }
    }
}

extension Key {
    /// Names of keys that are not a single printable character, as the config file writes
    /// them. Matching ignores case and hyphens, so `PageUp` and `page-up` are the same name.
    static let configNames: [(name: String, key: Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("page-up", .pageUp),
        ("page-down", .pageDown), ("home", .home), ("end", .end), ("enter", .enter),
        ("backspace", .backspace), ("space", .character(" ")), ("tab", .tab), ("escape", .escape),
    ]

    /// Parses a key as the config file writes it: one printable character (full-width ASCII
    /// forms map to ASCII, as typed keys do) or one of `configNames`. Returns nil for anything
    /// else, including control characters.
    static func parseConfigName(_ text: String) -> Key? {
        let scalars = Array(text.unicodeScalars)
        if text.count == 1, let first = scalars.first {
            if scalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
                return nil
            }
            return scalars.count == 1 ? Key.typed(first) : .character(Character(text))
        }
        let folded = text.lowercased().filter { $0 != "-" }
        return configNames.first { $0.name.filter { $0 != "-" } == folded }?.key
    }

    /// Returns the key's name as the config file writes it.
    var configName: String {
        if let named = Key.configNames.first(where: { $0.key == self }) { return named.name }
        if case .character(let character) = self { return String(character) }
        return ""
    }
}

extension Key {
    /// Returns a scalar's code point as Unicode writes it, such as U+00A0.
    fileprivate static func codePointName(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
