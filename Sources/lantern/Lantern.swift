import Foundation

/// The subcommands, with the one-line help that `lantern help` prints.
enum Lantern {
    struct Command {
        var name: String
        var usage: String
        var summary: String
        var run: ([String]) throws -> Int32
    }

    static let commands: [Command] = [
        Command(name: "simulate", usage: "simulate darknet --out FILE.pcap [--packets N] [--days D] [--seed S] [--darknet CIDR] [--plant PORT/PROTO:DAY:COUNT]",
                summary: "write a simulated darknet capture and its ground truth (FILE.truth.jsonl)", run: SimulateCommand.run),
        Command(name: "ingest", usage: "ingest [--db DB] [--window SECONDS] [--subnet-prefix 16/32] [--signatures FILE[,FILE]] [--time-zone UTC|+09:00|Asia/Tokyo] [--kind auto|capture|mail] [--no-train] PATH...",
                summary: "read captures (pcap/pcapng/.gz) and mail (EML, mbox, Maildir) into the store, then train", run: IngestCommand.run),
        Command(name: "train", usage: "train [--db DB] [--features baseline|extended] [--kernel auto|linear|rbf]",
                summary: "train the backscatter model, score every window, write alerts", run: TrainCommand.run),
        Command(name: "tui", usage: "tui [--db DB] [--lang en|ja] [--theme NAME|PATH] [--analyst NAME] [--ascii] [--preview]",
                summary: "open the analyst's review queue in the terminal", run: TUICommand.run),
        Command(name: "cluster", usage: ClusterCommand.usage, summary: "learn subnet prototypes, assign every subnet-day, raise early warnings", run: ClusterCommand.run),
        Command(name: "export", usage: "export labels|alerts|flags|mail [--db DB] [--format csv|jsonl]",
                summary: "print labels, alerts, early-warning flags or mail, one record per line", run: ExportCommand.run),
        Command(name: "stats", usage: "stats [--db DB]",
                summary: "print what the store holds and what the model learned from", run: StatsCommand.run),
        Command(name: "evaluate", usage: "evaluate backscatter [--db DB] --truth FILE [--budgets 0,0.5,1,2,5] [--features baseline|extended|both] [--by-kind]",
                summary: "replay the analyst loop with ground truth beside rule baselines", run: EvaluateCommand.run),
        Command(name: "demo", usage: "demo [--dir DIR] [--packets N] [--lang en|ja] [--theme NAME|PATH] [--no-ui]",
                summary: "simulate a small capture, ingest it, train, and open the UI", run: DemoCommand.run),
    ]

    static func run(_ words: [String]) throws -> Int32 {
        guard let name = words.first, !["help", "--help", "-h"].contains(name) else {
            printHelp()
            return 0
        }
        if name == "--version" {
            Output.line("lantern 0.1.0")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            let nearest = commands.map(\.name).min { editDistance($0, name) < editDistance($1, name) } ?? "help"
            throw UsageError("unknown command '\(name)'; did you mean '\(nearest)'?")
        }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Output.line("usage: lantern \(command.usage)\n  \(command.summary)")
            return 0
        }
        return try command.run(rest)
    }

    static func printHelp() {
        Output.line("lantern: darknet backscatter triage for SOC analysts\n\nusage:")
        for command in commands {
            Output.line("  lantern \(command.usage)\n      \(command.summary)")
        }
        Output.line("\nThe store defaults to ./lantern.db. Run 'lantern demo' for a first look.")
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
