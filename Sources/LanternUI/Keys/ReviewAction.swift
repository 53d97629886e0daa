/// An analyst's request to the review screen.
public enum ReviewAction: String, CaseIterable, Sendable, KeyAction {
    case moveUp
    case moveDown
    case pageUp
    case pageDown
    case top
    case bottom
    case labelBackscatter
    case labelNotBackscatter
    case skip
    case undo
    case toggleHelp
    case quit

    public static let screenName = "review"

    public var isPinnedInKeyBar: Bool { self == .quit || self == .toggleHelp }

    public var shortLabel: StringKey {
        switch self {
        case .moveUp: return .actionMoveUpShort
        case .moveDown: return .actionMoveDownShort
        case .pageUp: return .actionPageUpShort
        case .pageDown: return .actionPageDownShort
        case .top: return .actionTopShort
        case .bottom: return .actionBottomShort
        case .labelBackscatter: return .actionBackscatterShort
        case .labelNotBackscatter: return .actionNotBackscatterShort
        case .skip: return .actionSkipShort
        case .undo: return .actionUndoShort
        case .toggleHelp: return .actionHelpShort
        case .quit: return .actionQuitShort
        }
    }

    public var helpText: StringKey {
        switch self {
        case .moveUp: return .actionMoveUp
        case .moveDown: return .actionMoveDown
        case .pageUp: return .actionPageUp
        case .pageDown: return .actionPageDown
        case .top: return .actionTop
        case .bottom: return .actionBottom
        case .labelBackscatter: return .actionBackscatter
        case .labelNotBackscatter: return .actionNotBackscatter
        case .skip: return .actionSkip
        case .undo: return .actionUndo
        case .toggleHelp: return .actionHelp
        case .quit: return .actionQuit
        }
    }
}

extension KeyMap where Action == ReviewAction {
    /// The review screen's default table.
    public static var review: KeyMap<ReviewAction> {
        KeyMap(bindings: [
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, inKeyBar: false),
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, inKeyBar: false),
            KeyBinding(keys: [.pageUp], action: .pageUp, inKeyBar: false),
            KeyBinding(keys: [.pageDown], action: .pageDown, inKeyBar: false),
            KeyBinding(keys: [.character("g"), .home], action: .top, inKeyBar: false),
            KeyBinding(keys: [.character("G"), .end], action: .bottom, inKeyBar: false),
            KeyBinding(keys: [.character("b")], action: .labelBackscatter, inKeyBar: true),
            KeyBinding(keys: [.character("n")], action: .labelNotBackscatter, inKeyBar: true),
            KeyBinding(keys: [.character("s")], action: .skip, inKeyBar: true),
            KeyBinding(keys: [.character("u")], action: .undo, inKeyBar: true),
            KeyBinding(keys: [.character("?")], action: .toggleHelp, inKeyBar: true),
            KeyBinding(keys: [.character("q")], action: .quit, inKeyBar: true),
        ])
    }
}
