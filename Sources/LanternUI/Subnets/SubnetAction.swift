/// The analyst's requests on the Subnets screen.
public enum SubnetAction: String, CaseIterable, Sendable, KeyAction {
    case up, down, left, right, pageUp, pageDown, firstDay, lastDay
    case open, similar, cycleOrder, search, nextFlag, toggleHelp, quit

    public static let screenName = "subnets"

    public var isPinnedInKeyBar: Bool { self == .quit || self == .toggleHelp }

    public var shortLabel: StringKey {
        switch self {
        case .up, .down, .left, .right: return .subnetActionMoveShort
        case .pageUp: return .actionPageUpShort
        case .pageDown: return .actionPageDownShort
        case .firstDay: return .subnetActionFirstDayShort
        case .lastDay: return .subnetActionLastDayShort
        case .open: return .subnetActionDetailShort
        case .similar: return .subnetActionSimilarShort
        case .cycleOrder: return .subnetActionOrderShort
        case .search: return .subnetActionSearchShort
        case .nextFlag: return .subnetActionFlagShort
        case .toggleHelp: return .actionHelpShort
        case .quit: return .actionQuitShort
        }
    }

    public var helpText: StringKey {
        switch self {
        case .up: return .subnetActionUp
        case .down: return .subnetActionDown
        case .left: return .subnetActionLeft
        case .right: return .subnetActionRight
        case .pageUp: return .subnetActionPageUp
        case .pageDown: return .subnetActionPageDown
        case .firstDay: return .subnetActionFirstDay
        case .lastDay: return .subnetActionLastDay
        case .open: return .subnetActionDetail
        case .similar: return .subnetActionSimilar
        case .cycleOrder: return .subnetActionOrder
        case .search: return .subnetActionSearch
        case .nextFlag: return .subnetActionFlag
        case .toggleHelp: return .actionHelp
        case .quit: return .actionQuit
        }
    }
}

extension KeyMap where Action == SubnetAction {
    /// The Subnets screen's default table.
    public static var subnets: KeyMap<SubnetAction> {
        KeyMap(bindings: [
            KeyBinding(keys: [.up, .character("k")], action: .up, inKeyBar: true),
            KeyBinding(keys: [.down, .character("j")], action: .down, inKeyBar: false),
            KeyBinding(keys: [.left, .character("h")], action: .left, inKeyBar: false),
            KeyBinding(keys: [.right, .character("l")], action: .right, inKeyBar: false),
            KeyBinding(keys: [.pageUp], action: .pageUp, inKeyBar: false),
            KeyBinding(keys: [.pageDown], action: .pageDown, inKeyBar: false),
            KeyBinding(keys: [.home], action: .firstDay, inKeyBar: false),
            KeyBinding(keys: [.end], action: .lastDay, inKeyBar: false),
            KeyBinding(keys: [.enter], action: .open, inKeyBar: true),
            KeyBinding(keys: [.character("r")], action: .similar, inKeyBar: true),
            KeyBinding(keys: [.character("o")], action: .cycleOrder, inKeyBar: true),
            KeyBinding(keys: [.character("/")], action: .search, inKeyBar: true),
            KeyBinding(keys: [.character("f")], action: .nextFlag, inKeyBar: true),
            KeyBinding(keys: [.character("?")], action: .toggleHelp, inKeyBar: true),
            KeyBinding(keys: [.character("q")], action: .quit, inKeyBar: true),
        ])
    }
}
