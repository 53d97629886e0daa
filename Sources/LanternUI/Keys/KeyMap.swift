/// An analyst's request to the review screen.
public enum ReviewAction: String, CaseIterable, Sendable {
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

    /// Short name for the key bar.
    var shortLabel: StringKey {
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

    /// Sentence for the help overlay.
    var helpText: StringKey {
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

/// One row of the key table: the keys that trigger an action and whether the key bar lists it.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var action: ReviewAction
    /// Key bar entries are ordered by this table; help lists every binding.
    public var inKeyBar: Bool
}

/// The single table from keys to actions. The key bar and the help overlay are generated
/// from it, so what they show is what the keys do.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    /// Keys no binding may take: Tab and the digits will switch between screens.
    public static let reservedKeys: [Key] = [.tab] + (0...9).map { .character(Character(String($0))) }

    /// The review screen's table.
    public static let review = KeyMap(bindings: [
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

    /// Creates a table. A binding to a reserved key or a key bound twice is a programming
    /// error and stops the program.
    public init(bindings: [KeyBinding]) {
        var seen: Set<Key> = []
        for binding in bindings {
            for key in binding.keys {
                precondition(!KeyMap.reservedKeys.contains(key), "key \(key) is reserved for screen switching")
                precondition(seen.insert(key).inserted, "key \(key) is bound twice")
            }
        }
        self.bindings = bindings
    }

    /// Returns the action bound to `key`, or nil.
    public func action(for key: Key) -> ReviewAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Key bar entries as (keys, label) text pairs, in table order.
    func keyBarEntries(_ strings: Strings) -> [(keys: String, label: String)] {
        bindings.filter(\.inKeyBar).map { binding in
            (binding.keys.map { $0.displayName(strings) }.joined(separator: "/"), strings(binding.action.shortLabel))
        }
    }

    /// Help lines as (keys, description) pairs for every binding, in table order.
    func helpEntries(_ strings: Strings) -> [(keys: String, text: String)] {
        bindings.map { binding in
            (binding.keys.map { $0.displayName(strings) }.joined(separator: " "), strings(binding.action.helpText))
        }
    }
}
