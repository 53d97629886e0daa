extension KeyMap {
    /// Returns the table with the config file's `key` lines for this screen applied, and an
    /// error for each line that could not be.
    ///
    /// Each accepted line replaces all keys of its action. A line naming an action the screen
    /// does not have is skipped. When the new keys leave a key bound to two actions, the latest
    /// line involved is skipped, its action keeps its default keys, and the check repeats.
    /// Swapping two actions' keys therefore works when both lines are given. In the worst case
    /// the defaults remain, and they never conflict.
    ///
    /// - Complexity: O(l × b) for l key lines and b keys in the table.
    public func applying(_ config: Config) -> (map: KeyMap, errors: [ConfigError]) {
        var errors: [ConfigError] = []
        var latest: [Action: KeyRebinding] = [:]
        for rebinding in config.rebindings where rebinding.screen == Action.screenName {
            guard let action = Action.named(rebinding.action) else {
                let names = Action.allCases.map(\.configName)
                errors.append(ConfigError(
                    .unknownAction(screen: Action.screenName, action: rebinding.action, actions: names,
                                   nearest: Config.nearest(rebinding.action, in: names)),
                    at: ConfigError.Location(path: config.path, line: rebinding.line)))
                continue
            }
            latest[action] = rebinding
        }

        while true {
            var candidate = bindings
            for index in candidate.indices {
                if let rebinding = latest[candidate[index].action] { candidate[index].keys = rebinding.keys }
            }
            let conflicts = KeyMap.conflicts(in: candidate)
            guard !conflicts.isEmpty else {
                return (KeyMap(bindings: candidate), errors.sorted { $0.location.line < $1.location.line })
            }
            let involved = conflicts.flatMap(\.actions).compactMap { action in latest[action].map { (action: action, rebinding: $0) } }
            guard let skipped = involved.max(by: { $0.rebinding.line < $1.rebinding.line }) else {
                preconditionFailure("the default key table of \(Action.screenName) binds a key twice")
            }
            let conflict = conflicts.first { $0.actions.contains(skipped.action) }
            let other = conflict?.actions.first { $0 != skipped.action } ?? skipped.action
            errors.append(ConfigError(
                .conflict(screen: Action.screenName, action: skipped.action.configName,
                          key: conflict?.key.configName ?? "", other: other.configName),
                at: ConfigError.Location(path: config.path, line: skipped.rebinding.line)))
            latest[skipped.action] = nil
        }
    }
}
