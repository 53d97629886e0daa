/// The analyst's requests on the Mail screen, named `mail.<action>` in the config file.
public enum MailAction: String, CaseIterable, Sendable, KeyAction {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case labelMalicious, labelBenign, skip, undo, toggleHelp, quit

    public static let screenName = "mail"

    public var isPinnedInKeyBar: Bool { self == .quit || self == .toggleHelp }

    public var shortLabel: StringKey {
        switch self {
        case .moveUp: return .actionMoveUpShort
        case .moveDown: return .actionMoveDownShort
        case .pageUp: return .actionPageUpShort
        case .pageDown: return .actionPageDownShort
        case .top: return .actionTopShort
        case .bottom: return .actionBottomShort
        case .labelMalicious: return .mailActionMaliciousShort
        case .labelBenign: return .mailActionBenignShort
        case .skip: return .actionSkipShort
        case .undo: return .actionUndoShort
        case .toggleHelp: return .actionHelpShort
        case .quit: return .actionQuitShort
        }
    }

    public var helpText: StringKey {
        switch self {
        case .moveUp: return .mailActionMoveUp
        case .moveDown: return .mailActionMoveDown
        case .pageUp: return .actionPageUp
        case .pageDown: return .actionPageDown
        case .top: return .mailActionTop
        case .bottom: return .mailActionBottom
        case .labelMalicious: return .mailActionMalicious
        case .labelBenign: return .mailActionBenign
        case .skip: return .mailActionSkip
        case .undo: return .mailActionUndo
        case .toggleHelp: return .actionHelp
        case .quit: return .actionQuit
        }
    }
}

extension KeyMap where Action == MailAction {
    /// The Mail screen's default table.
    public static var mail: KeyMap<MailAction> {
        KeyMap(bindings: [
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, inKeyBar: true),
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, inKeyBar: true),
            KeyBinding(keys: [.pageUp], action: .pageUp, inKeyBar: false),
            KeyBinding(keys: [.pageDown], action: .pageDown, inKeyBar: false),
            KeyBinding(keys: [.home, .character("g")], action: .top, inKeyBar: false),
            KeyBinding(keys: [.end, .character("G")], action: .bottom, inKeyBar: false),
            KeyBinding(keys: [.character("m")], action: .labelMalicious, inKeyBar: true),
            KeyBinding(keys: [.character("c")], action: .labelBenign, inKeyBar: true),
            KeyBinding(keys: [.character("s")], action: .skip, inKeyBar: true),
            KeyBinding(keys: [.character("u")], action: .undo, inKeyBar: true),
            KeyBinding(keys: [.character("?")], action: .toggleHelp, inKeyBar: true),
            KeyBinding(keys: [.character("q")], action: .quit, inKeyBar: true),
        ])
    }
}
