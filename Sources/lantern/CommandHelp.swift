import LanternUI

/// The text `lantern COMMAND --help` prints: usage, summary, then every positional word and
/// option with its help, in the language the environment chooses. It reads the same specs and
/// Japanese help texts as the man page, so the two cannot disagree.
enum CommandHelp {
    static func text(_ command: CommandSpec, language: Strings.Language) -> String {
        var lookup = ManPage.Lookup(text: language == .ja ? .japanese : .english)
        let ja = language == .ja
        var lines = [(ja ? "使い方: " : "usage: ") + "lantern " + command.usage, "  " + lookup.help(command.name, english: command.summary)]

        let entries = command.positionals.map { ($0.usage, lookup.help("\(command.name) \($0.name)", english: $0.help)) }
            + command.options.map { option in
                let name = option.value.map { "--\(option.name) \($0)" } ?? "--\(option.name)"
                return (name, lookup.help("\(command.name) --\(option.name)", english: option.help))
            }
        if !entries.isEmpty {
            lines.append("")
            lines.append(ja ? "引数とオプション:" : "arguments and options:")
            let width = min(entries.map { DisplayWidth.width(of: $0.0) }.max() ?? 0, 32)
            for (name, help) in entries {
                let nameWidth = DisplayWidth.width(of: name)
                if nameWidth > width {
                    lines.append("  " + name)
                    lines.append("  " + String(repeating: " ", count: width) + "  " + help)
                } else {
                    lines.append("  " + name + String(repeating: " ", count: width - nameWidth) + "  " + help)
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
