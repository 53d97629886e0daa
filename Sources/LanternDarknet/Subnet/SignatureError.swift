/// Problems with a signatures rules file.
public enum SignatureError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be opened or is not UTF-8 text.
    case cannotRead(path: String, reason: String)
    /// One rule is malformed; the rule is skipped and the others are used.
    case malformedRule(file: String, line: Int, reason: String)
    /// A rule has the name of an earlier one, which it replaces. Not an error: analysts retune
    /// built-in rules this way, but a name used twice by mistake should not go unnoticed.
    case replacedRule(file: String, line: Int, name: String, earlier: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read signatures file \(path): \(reason); check the path given to --signatures"
        case let .malformedRule(file, line, reason):
            return "\(file):\(line): \(reason); this rule is skipped, the others are used"
        case let .replacedRule(file, line, name, earlier):
            return "\(file):\(line): signature '\(name)' replaces the one defined at \(earlier)"
        }
    }
}
