/// One row of a key table: the keys that trigger an action and whether the key bar lists it.
public struct KeyBinding<Action: KeyAction>: Sendable, Equatable {
    public var keys: [Key]
    public var action: Action
    /// Key bar entries are ordered by the table; help lists every binding.
    public var inKeyBar: Bool

    public init(keys: [Key], action: Action, inKeyBar: Bool) {
        self.keys = keys
        self.action = action
        self.inKeyBar = inKeyBar
    }
}

/// A screen's single table from keys to actions. The key bar and the help overlay are
/// generated from it, so what they show is what the keys do, after any rebinding from the
/// config file. `applying(_:)` returns a new table and leaves the defaults untouched.
public struct KeyMap<Action: KeyAction>: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding<Action>]

    /// Creates a table. A binding to a reserved key or a key bound twice is a programming
    /// error and stops the program; `applying(_:)` checks config input before it gets here.
    public init(bindings: [KeyBinding<Action>]) {
        precondition(KeyMap.conflicts(in: bindings).isEmpty, "a key is bound twice")
        precondition(!bindings.contains { $0.keys.contains(where: Key.screenSwitchKeys.contains) },
                     "Tab and the digits are reserved for screen switching")
        self.bindings = bindings
    }

    /// Returns the action bound to `key`, or nil.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Returns the keys bound to `action`, in table order.
    public func keys(for action: Action) -> [Key] {
        bindings.first { $0.action == action }?.keys ?? []
    }

    /// Key bar entries of the bindings marked for it, in table order.
    func keyBarEntries(_ strings: Strings) -> [KeyBarEntry] {
        bindings.filter(\.inKeyBar).map { binding in
            KeyBarEntry(keys: binding.keys.map { $0.displayName(strings) }.joined(separator: "/"),
                        label: strings(binding.action.shortLabel), isPinned: binding.action.isPinnedInKeyBar)
        }
    }

    /// Help lines as (keys, description) pairs for every binding, in table order.
    func helpEntries(_ strings: Strings) -> [(keys: String, text: String)] {
        bindings.map { binding in
            (binding.keys.map { $0.displayName(strings) }.joined(separator: " "), strings(binding.action.helpText))
        }
    }

    /// Keys bound to more than one action, with the actions, in table order.
    static func conflicts(in bindings: [KeyBinding<Action>]) -> [(key: Key, actions: [Action])] {
        var owners: [Key: [Action]] = [:]
        var order: [Key] = []
        for binding in bindings {
            for key in binding.keys {
                if owners[key] == nil { order.append(key) }
                owners[key, default: []].append(binding.action)
            }
        }
        return order.compactMap { key in
            guard let actions = owners[key], actions.count > 1 else { return nil }
            return (key, actions)
        }
    }
}

extension Key {
    /// Keys no binding may take: Tab and the digits switch between screens.
    public static let screenSwitchKeys: [Key] = [.tab] + (0...9).map { .character(Character(String($0))) }

    /// Keys a config file may not bind: the screen-switch keys, and Esc, which closes overlays
    /// and ends a search before any table is consulted.
    static let unbindableKeys: [Key] = screenSwitchKeys + [.escape]
}
