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

    /// Returns the key for a typed character. Full-width ASCII forms (U+FF01–FF5E), which a Japanese
    /// input method sends while it is on, are mapped to their ASCII letters, so "ｂ" labels too.
    public static func typed(_ scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0xFF01...0xFF5E:
            if let ascii = Unicode.Scalar(scalar.value - 0xFF01 + 0x21) {
                return .character(Character(ascii))
            }
            return .character(Character(scalar))
        default:
            return .character(Character(scalar))
        }
    }

    /// Returns the key's name as shown in the key bar and help.
    func displayName(_ strings: Strings) -> String {
        switch self {
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
