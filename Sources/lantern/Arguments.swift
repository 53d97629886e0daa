/// The words after a subcommand: `--name value` options, `--flag` switches and positional paths.
///
/// Every option is declared by the command that reads it, so a misspelt option is an error that
/// lists the accepted ones instead of being ignored.
struct Arguments {
    private(set) var options: [String: String] = [:]
    /// Every value of each valued option in the order given, for options that may repeat.
    private(set) var repeatedOptions: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// - Parameters:
    ///   - words: the words after the subcommand.
    ///   - valued: options that take a value, without the leading dashes.
    ///   - switches: options that take none.
    init(_ words: [String], command: String, valued: [String], switches: [String] = []) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if switches.contains(name) {
                flags.insert(name)
            } else if valued.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < words.count else { throw UsageError("option --\(name) of '\(command)' needs a value") }
                    value = words[index]
                    index += 1
                }
                options[name] = value
                repeatedOptions[name, default: []].append(value)
            } else {
                let accepted = (valued + switches).map { "--\($0)" }.sorted().joined(separator: ", ")
                throw UsageError("unknown option --\(name) for '\(command)'; accepted: \(accepted.isEmpty ? "none" : accepted)")
            }
        }
    }

    /// Returns the last value given for `name`.
    func value(_ name: String) -> String? { options[name] }

    /// Returns every value given for `name`, such as each `--reputation FILE`, in order.
    func values(_ name: String) -> [String] { repeatedOptions[name] ?? [] }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = options[name] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A mistake in how a command was called; printed with a pointer to `--help`, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A valid command that could not run, such as on a missing file or a store that another
/// process has locked. It is printed as it is, and the exit status is 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
