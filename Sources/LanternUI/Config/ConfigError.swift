/// A config line or file that could not be used: which file, which line, what was wrong.
/// The line is skipped and the rest of the file still applies.
public struct ConfigError: Error, Equatable, Sendable {
    public enum Kind: Error, Equatable, Sendable {
        /// The line is not `name = value`, or a `key` line has no single target.
        case syntax(line: String)
        case unknownSetting(name: String, nearest: String?)
        case missingValue(setting: String)
        case invalidLanguage(value: String)
        case invalidMouse(value: String)
        /// The target of a `key` line is not `<screen>.<action>`.
        case invalidTarget(target: String)
        case unknownScreen(screen: String, screens: [String], nearest: String?)
        case unknownAction(screen: String, action: String, actions: [String], nearest: String?)
        case missingKeys(target: String)
        case unknownKey(key: String)
        /// Tab, a digit or Esc.
        case reservedKey(key: String)
        /// `key` is already bound to `other` on the same screen; `action` keeps its defaults.
        case conflict(screen: String, action: String, key: String, other: String)
        /// The `--config` file does not exist.
        case notFound
        /// The file exists but could not be read; `reason` is the system's (`strerror`).
        case unreadable(reason: String)
    }

    /// A position in a config file; line 0 concerns the whole file.
    public struct Location: Equatable, Sendable {
        public var path: String
        public var line: Int
    }

    public var kind: Kind
    public var location: Location

    public init(_ kind: Kind, at location: Location) {
        self.kind = kind
        self.location = location
    }

    /// Returns the full message in `strings`' language, starting with `path:line:`.
    public func message(_ strings: Strings) -> String {
        let place = location.line > 0
            ? SafeText.line(location.path) + ":" + String(location.line) + ":"
            : SafeText.line(location.path) + ":"
        return place + " " + problem(strings)
    }

    private func problem(_ strings: Strings) -> String {
        func hint(_ nearest: String?) -> String {
            nearest.map { " " + strings(.configDidYouMean, ["name": $0]) } ?? ""
        }
        switch kind {
        case .syntax(let line):
            return strings(.configSyntax, ["text": SafeText.line(line)])
        case .unknownSetting(let name, let nearest):
            return strings(.configUnknownSetting, ["name": SafeText.line(name), "choices": Config.settingNames.joined(separator: ", ")])
                + hint(nearest)
        case .missingValue(let setting):
            return strings(.configMissingValue, ["name": setting])
        case .invalidLanguage(let value):
            return strings(.configInvalidLanguage, ["value": SafeText.line(value)])
        case .invalidMouse(let value):
            return strings(.configInvalidMouse, ["value": SafeText.line(value)])
        case .invalidTarget(let target):
            return strings(.configInvalidTarget, ["target": SafeText.line(target)])
        case .unknownScreen(let screen, let screens, let nearest):
            return strings(.configUnknownScreen, ["name": SafeText.line(screen), "choices": screens.joined(separator: ", ")]) + hint(nearest)
        case .unknownAction(let screen, let action, let actions, let nearest):
            return strings(.configUnknownAction, [
                "screen": screen, "name": SafeText.line(action), "choices": actions.joined(separator: ", "),
            ]) + hint(nearest)
        case .missingKeys(let target):
            return strings(.configMissingKeys, ["target": SafeText.line(target)])
        case .unknownKey(let key):
            // Only names a binding may use: Tab and Escape are names but reserved.
            let names = Key.configNames.filter { !Key.unbindableKeys.contains($0.key) }.map(\.name)
            return strings(.configUnknownKey, ["key": SafeText.line(key), "choices": names.joined(separator: ", ")])
        case .reservedKey(let key):
            return strings(.configReservedKey, ["key": SafeText.line(key)])
        case .conflict(let screen, let action, let key, let other):
            return strings(.configKeyConflict, ["screen": screen, "action": action, "key": SafeText.line(key), "other": other])
        case .notFound:
            return strings(.configNotFound)
        case .unreadable(let reason):
            return strings(.configUnreadable, ["reason": SafeText.line(reason)])
        }
    }
}
