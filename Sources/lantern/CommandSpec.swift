import Foundation

/// The options and positional words that a subcommand accepts, with the help text of each.
///
/// One spec serves the parser (`Arguments(words, spec:)`), `--help`, the man page and the bash
/// and zsh completions, so none of them can list an option that the others do not. It does not
/// describe how a value is checked: each command still validates its own values when it runs.
struct CommandSpec {
    var name: String
    var summary: String
    /// Words before the options in the usage line, such as `darknet` in `simulate darknet`.
    var leading: [PositionalSpec] = []
    var options: [OptionSpec]
    /// Words after the options in the usage line, such as the paths of `ingest`.
    var trailing: [PositionalSpec] = []

    /// Names of the options that take a value, without the leading dashes.
    var valued: [String] { options.filter { $0.value != nil }.map(\.name) }
    /// Names of the options that take no value, without the leading dashes.
    var switches: [String] { options.filter { $0.value == nil }.map(\.name) }
    var positionals: [PositionalSpec] { leading + trailing }

    /// The usage line without the program name, such as `stats [--db DB]`.
    var usage: String {
        let words = [name] + leading.map(\.usage) + options.map(\.usage) + trailing.map(\.usage)
        return words.joined(separator: " ")
    }
}

/// One `--name` option of a subcommand.
struct OptionSpec {
    var name: String
    /// Placeholder for the value in usage lines (`N`, `DB`); nil for a switch.
    var value: String?
    var help: String
    /// The accepted values when the option takes one of a fixed set; completions offer them.
    var choices: [String] = []
    /// Whether the value is a file or directory path, so completions offer file names.
    var isPath = false
    /// Whether the command fails without this option.
    var isRequired = false
    /// Whether the option may be given more than once, each value kept (`[--reputation FILE]...`).
    var repeats = false

    /// Creates a switch: an option without a value.
    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, help: help)
    }

    /// Creates an option whose value is a file or directory path.
    static func path(_ name: String, _ value: String, _ help: String, required: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, help: help, isPath: true, isRequired: required)
    }

    /// Creates an option whose value is one of `choices`.
    static func choice(_ name: String, _ choices: [String], _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: choices.joined(separator: "|"), help: help, choices: choices)
    }

    /// `--name VALUE`, in brackets unless the option is required.
    var usage: String {
        let text = value.map { "--\(name) \($0)" } ?? "--\(name)"
        let bracketed = isRequired ? text : "[\(text)]"
        return repeats ? bracketed + "..." : bracketed
    }
}

/// One positional word of a subcommand: a fixed word to choose, or paths.
struct PositionalSpec {
    var name: String
    var help: String
    var choices: [String] = []
    var isPath = false
    /// Whether the word may be given more than once (`PATH...`).
    var repeats = false
    /// Whether the word may be left out (`[FILE]`).
    var isOptional = false

    var usage: String {
        let text = choices.isEmpty ? name : choices.joined(separator: "|")
        let word = repeats ? text + "..." : text
        return isOptional ? "[\(word)]" : word
    }
}

extension Arguments {
    /// Parses `words` with the options that `spec` declares. A word that is no option is an
    /// error when the spec declares no positional words, so `stats --db a.db b.db` is not
    /// read as `stats --db a.db`.
    init(_ words: [String], spec: CommandSpec) throws {
        try self.init(words, command: spec.name, valued: spec.valued, switches: spec.switches)
        if spec.positionals.isEmpty, let word = positionals.first {
            throw UsageError(.commandTakesNoFiles, ["command": spec.name, "value": word, "usage": spec.usage])
        }
    }
}
