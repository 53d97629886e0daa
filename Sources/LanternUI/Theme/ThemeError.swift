/// A theme file that could not be used: which file, which line, what was wrong.
public struct ThemeError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The line is not `role = foreground background [attributes]`.
        case syntax
        case unknownRole
        case unknownColor
        case unknownAttribute
        /// No `<name>.theme` in any theme directory; `value` is the name.
        case notFound
        /// The file exists but could not be read; `value` is the system's reason.
        case unreadable
    }

    public var kind: Kind
    /// File path, or the list of searched directories for `.notFound`.
    public var path: String
    /// 1-based line number; 0 when the error concerns the whole file.
    public var line: Int
    /// The offending text: a line, a name or a field.
    public var value: String

    public init(kind: Kind, path: String, line: Int, value: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.value = value
    }

    /// Returns the full message in `strings`' language, ending with the fallback notice.
    public func message(_ strings: Strings) -> String {
        let arguments = [
            "path": SafeText.line(path), "line": String(line), "value": SafeText.line(value),
            "text": SafeText.line(value), "name": SafeText.line(value), "directories": SafeText.line(path),
            "reason": SafeText.line(value),
        ]
        let problem: String
        switch kind {
        case .syntax: problem = strings(.themeSyntax, arguments)
        case .unknownRole:
            problem = strings(.themeUnknownRole, arguments.merging(["choices": ColorRole.allCases.map(\.rawValue).joined(separator: ", ")]) { $1 })
        case .unknownColor:
            problem = strings(.themeUnknownColor, arguments.merging(["choices": ThemeColor.basicNames.joined(separator: ", ")]) { $1 })
        case .unknownAttribute:
            problem = strings(.themeUnknownAttribute, arguments.merging(["choices": ThemeAttributes.names.map(\.0).joined(separator: ", ")]) { $1 })
        case .notFound: problem = strings(.themeNotFound, arguments)
        case .unreadable: problem = strings(.themeUnreadable, arguments)
        }
        return strings(.themeFallback, ["problem": problem])
    }
}
