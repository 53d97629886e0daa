import LanternUI

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
                    guard index < words.count else { throw UsageError(.optionNeedsValue, ["option": name, "command": command]) }
                    value = words[index]
                    // "--db --window 30" would make a store named "--window". A value that is
                    // one of this command's options is taken as a forgotten value instead.
                    let next = value.split(separator: "=", maxSplits: 1).first.map(String.init) ?? value
                    if next.hasPrefix("--"), (valued + switches).contains(String(next.dropFirst(2))) {
                        throw UsageError(.optionValueIsOption, ["option": name, "command": command, "next": next])
                    }
                    index += 1
                }
                options[name] = value
                repeatedOptions[name, default: []].append(value)
            } else {
                let accepted = (valued + switches).map { "--\($0)" }.sorted().joined(separator: ", ")
                throw UsageError(.unknownOption, ["option": name, "command": command, "accepted": accepted.isEmpty ? Output.text(.noOptions) : accepted])
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
            throw UsageError(.integerOutOfRange, ["option": name, "lowest": range.lowerBound, "highest": range.upperBound, "value": text])
        }
        return value
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// An error whose message comes from the catalogue, or is already worded, so it is printed in
/// the user's language when it is printed, not when it is raised.
protocol CatalogueError: Error, CustomStringConvertible {
    var key: MessageKey? { get }
    var arguments: [String: String] { get }
    /// Text already worded in the user's language, for messages outside the catalogue.
    var worded: String? { get }

    init(key: MessageKey?, arguments: [String: String], worded: String?)
}

extension CatalogueError {
    init(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) {
        self.init(key: key, arguments: arguments.mapValues(\.description), worded: nil)
    }

    /// Creates an error from a message that is already in the user's language.
    init(worded text: String) {
        self.init(key: nil, arguments: [:], worded: text)
    }

    func message(_ strings: Strings) -> String {
        key.map { strings($0, arguments) } ?? worded ?? ""
    }

    var description: String { message(.en) }
}

/// A mistake in how a command was called; printed with a pointer to `--help`, exit status 2.
struct UsageError: CatalogueError {
    let key: MessageKey?
    let arguments: [String: String]
    let worded: String?
}

/// A valid command that could not run, such as on a missing file or a store that another
/// process has locked. It is printed in the user's language, and the exit status is 1.
struct CommandFailure: CatalogueError {
    let key: MessageKey?
    let arguments: [String: String]
    let worded: String?
}
