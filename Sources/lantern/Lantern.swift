import Foundation
import LanternUI

/// The subcommands, with the one-line help that `lantern help` prints.
enum Lantern {
    struct Command {
        /// Name, summary, options and positional words; the parser and every help text use it.
        var spec: CommandSpec
        var run: ([String]) throws -> Int32

        var name: String { spec.name }
        var usage: String { spec.usage }
        var summary: String { spec.summary }
    }

    static let version = "lantern 0.1.0"

    static let commands: [Command] = [
        Command(spec: .simulate, run: SimulateCommand.run),
        Command(spec: .ingest, run: IngestCommand.run),
        Command(spec: .capture, run: CaptureCommand.run),
        Command(spec: .train, run: TrainCommand.run),
        Command(spec: .tui, run: TUICommand.run),
        Command(spec: .cluster, run: ClusterCommand.run),
        Command(spec: .export, run: ExportCommand.run),
        Command(spec: .stats, run: StatsCommand.run),
        Command(spec: .evaluate, run: EvaluateCommand.run),
        Command(spec: .label, run: LabelCommand.run),
        Command(spec: .demo, run: DemoCommand.run),
        Command(spec: .completion, run: runCompletion),
    ]

    /// Every spec in the order of `lantern help`, with `help` itself last.
    static var specs: [CommandSpec] { commands.map(\.spec) + [.help] }

    static func run(_ words: [String]) throws -> Int32 {
        guard let name = words.first, !["help", "--help", "-h"].contains(name) else {
            return try runHelp(Array(words.dropFirst()))
        }
        if name == "--version" {
            Output.line(version)
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else { throw unknownCommand(name) }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Output.line(CommandHelp.text(command.spec, language: helpLanguage(rest)))
            return 0
        }
        return try command.run(rest)
    }

    /// Returns the catalogue for the messages of this run, chosen as the UI chooses it: a valid
    /// `--lang en|ja` among the words, or else the first non-empty of LC_ALL, LC_MESSAGES and
    /// LANG. An invalid `--lang` value falls back to the environment here; the commands that
    /// take `--lang` reject it themselves. Only the variables matter, not whether the locale is
    /// installed, so Japanese works where only C.UTF-8 exists.
    static func strings(for words: [String]) -> Strings {
        var explicit: String?
        if let index = words.firstIndex(of: "--lang"), index + 1 < words.count { explicit = words[index + 1] }
        if let word = words.last(where: { $0.hasPrefix("--lang=") }) { explicit = String(word.dropFirst("--lang=".count)) }
        let environment = ProcessInfo.processInfo.environment
        if let explicit, let chosen = try? Strings.select(explicit: explicit, environment: environment) { return chosen }
        return (try? Strings.select(explicit: nil, environment: environment)) ?? .en
    }

    /// The language of `--help` for these words, chosen as `strings(for:)` chooses it.
    static func helpLanguage(_ words: [String]) -> Strings.Language {
        strings(for: words).language
    }

    /// Returns the usage error for a word that names no command, with the nearest command.
    static func unknownCommand(_ name: String) -> UsageError {
        let nearest = commands.map(\.name).min { editDistance($0, name) < editDistance($1, name) } ?? "help"
        return UsageError(.unknownCommand, ["command": name, "nearest": nearest])
    }

    /// `lantern help [--man [--lang en|ja]] [COMMAND]`: the command list, one command's help, or
    /// the roff source of the man page.
    static func runHelp(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .help)
        if let name = arguments.positionals.first, !arguments.flags.contains("man") {
            let spec: CommandSpec
            if let command = commands.first(where: { $0.name == name }) {
                spec = command.spec
            } else if name == "help" {
                spec = .help
            } else {
                throw unknownCommand(name)
            }
            Output.line(CommandHelp.text(spec, language: helpLanguage(words)))
            return 0
        }
        guard arguments.flags.contains("man") else {
            printHelp()
            return 0
        }
        let text: ManPage.Text
        switch arguments.value("lang") ?? "en" {
        case "en": text = .english
        case "ja": text = .japanese
        case let other: throw UsageError(.invalidLanguage, ["value": other])
        }
        let rendered = ManPage.render(commands: specs, version: version, text: text)
        for key in rendered.missing {
            Output.note(.manPageMissingJapanese, ["key": key])
        }
        Output.line(rendered.page)
        return 0
    }

    /// `lantern completion bash|zsh`: prints the completion script for that shell.
    static func runCompletion(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .completion)
        switch arguments.positionals {
        case ["bash"]: Output.line(CompletionScript.bash(commands: specs))
        case ["zsh"]: Output.line(CompletionScript.zsh(commands: specs))
        default:
            throw UsageError(.completionShell, ["words": arguments.positionals.joined(separator: " "), "usage": CommandSpec.completion.usage])
        }
        return 0
    }

    /// Prints the command list with each summary in the chosen language, from the same texts
    /// as `COMMAND --help` and the man page.
    static func printHelp() {
        var lookup = ManPage.Lookup(text: Output.strings.language == .ja ? .japanese : .english)
        Output.line(Output.text(.commandListTitle) + "\n\n" + Output.text(.commandListUsage))
        for command in commands {
            Output.line("  lantern \(command.usage)\n      \(lookup.help(command.name, english: command.summary))")
        }
        Output.line("\n" + Output.text(.commandListFooter))
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
