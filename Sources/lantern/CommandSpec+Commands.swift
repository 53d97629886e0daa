import Foundation

// The declared options of every subcommand. Each command parses with its spec here, and
// `lantern help`, `lantern help --man` and `lantern completion` print from the same specs.
extension CommandSpec {
    static let database = OptionSpec.path("db", "DB", "the store to use (default: ./lantern.db)")
    static let language = OptionSpec.choice("lang", ["en", "ja"], "the language of the UI (default: from LC_ALL, LC_MESSAGES or LANG)")
    static let theme = OptionSpec(name: "theme", value: "NAME|PATH",
                                  help: "a theme name (dark, light, high-contrast, colorblind) or a theme file (default: the config file's theme, else dark)",
                                  choices: ["dark", "light", "high-contrast", "colorblind"], isPath: true)

    /// The labeller options of `label mail` and `ingest`; the reputation and argument options may repeat.
    static let labellerOptions: [OptionSpec] = [
        OptionSpec(name: "reputation", value: "FILE",
                   help: "a reputation list of malicious URLs or domains, plain lines or URLhaus CSV; may be repeated",
                   isPath: true, repeats: true),
        OptionSpec(name: "labeller-cmd", value: "PROGRAM",
                   help: "a program run once per URL, without a shell, with the URL on standard input; it prints malicious, benign or unknown",
                   isPath: true),
        OptionSpec(name: "labeller-arg", value: "ARG", help: "an argument passed to the --labeller-cmd program as is; may be repeated",
                   repeats: true),
        OptionSpec(name: "labeller-timeout", value: "SECONDS",
                   help: "seconds one --labeller-cmd run may take before it is killed and counted as unknown (default: 10)"),
    ]

    /// The one-class bound and kernel width of the mail models.
    static let mailModelOptions: [OptionSpec] = [
        OptionSpec(name: "nu", value: "NU",
                   help: "for mail: the one-class model's bound on the share of training messages called unknown, above 0 and at most 1 (default: 0.1)"),
        OptionSpec(name: "gamma", value: "GAMMA", help: "for mail: the width of the one-class model's RBF kernel, above 0 (default: 0.5)"),
    ]

    static let simulate = CommandSpec(
        name: "simulate", summary: "write a simulated darknet capture and its ground truth (FILE.truth.jsonl), or simulated spam-trap mail",
        leading: [PositionalSpec(name: "FEED", help: "darknet for a capture, mail for a spam trap's messages", choices: ["darknet", "mail"])],
        options: [
            .path("out", "PATH", "darknet: the capture to write, with the ground truth beside it; mail: the folder to write", required: true),
            OptionSpec(name: "packets", value: "N", help: "darknet: number of packets (default: 1000000)"),
            OptionSpec(name: "messages", value: "N", help: "mail: number of messages, 1 to 1000000 (default: 300)"),
            OptionSpec(name: "days", value: "D", help: "number of days the capture or the mail spans, 1 to 366 (default: 1 for darknet, 90 for mail)"),
            OptionSpec(name: "seed", value: "S", help: "random seed; the same seed writes the same output (default: 1)"),
            OptionSpec(name: "darknet", value: "CIDR", help: "darknet: the address block (default: 198.18.0.0/16)"),
            OptionSpec(name: "plant", value: "PORT/PROTO:DAY:COUNT",
                       help: "darknet: plant a campaign on a service, such as 5000/tcp:7:5 (COUNT subnets from day DAY)"),
        ])

    static let ingest = CommandSpec(
        name: "ingest", summary: "read captures (pcap/pcapng/.gz) and mail (EML, mbox, Maildir) into the store, then train",
        options: [
            database,
            OptionSpec(name: "window", value: "SECONDS", help: "length of a traffic window in seconds, 1 to 86400 (default: 30)"),
            OptionSpec(name: "darknet-prefix", value: "16/48",
                       help: "prefix length of the darknet the capture watches, IPv4 and optionally IPv6 after a slash (default: 16/48); "
                           + "it sets the tile graph's destination blocks and the attack rates of alerts"),
            OptionSpec(name: "subnet-prefix", value: "16/32",
                       help: "subnet prefix length for IPv4, optionally with IPv6 after a slash, such as 16 or 16/32"),
            OptionSpec(name: "signatures", value: "FILE[,FILE]", help: "signature files to add to the built-in signatures",
                       isPath: true),
            OptionSpec(name: "time-zone", value: "UTC|+09:00|Asia/Tokyo",
                       help: "the time zone that subnet-days are counted in: UTC, an offset or a zone name"),
            .choice("kind", ["auto", "capture", "mail"], "what the paths hold (default: auto, decided per file)"),
            .flag("no-train", "store the input without training the model afterwards"),
        ] + labellerOptions,
        trailing: [PositionalSpec(name: "PATH", help: "capture files, mail files, mbox files or Maildir folders",
                                  isPath: true, repeats: true)])

    static let capture = CommandSpec(
        name: "capture", summary: "capture live from an interface into the store until Ctrl-C or --duration, then train",
        options: [
            database,
            OptionSpec(name: "interface", value: "NAME", help: "the interface to capture on, such as eth1", isRequired: true),
            OptionSpec(name: "filter", value: "BPF", help: "a pcap-filter(7) expression, such as 'not port 22'"),
            OptionSpec(name: "duration", value: "SECONDS", help: "stop after this many seconds (default: 0, until Ctrl-C)"),
            OptionSpec(name: "window", value: "SECONDS", help: "length of a traffic window in seconds, 1 to 86400 (default: 30)"),
            OptionSpec(name: "darknet-prefix", value: "16/48",
                       help: "prefix length of the darknet the capture watches, IPv4 and optionally IPv6 after a slash (default: 16/48); "
                           + "it sets the tile graph's destination blocks and the attack rates of alerts"),
            .flag("no-train", "store the windows without training the model afterwards"),
        ])

    static let train = CommandSpec(
        name: "train", summary: "train the backscatter and mail models, score every window and message, write alerts",
        options: [
            database,
            .choice("features", ["baseline", "extended"], "the feature set to train on"),
            .choice("kernel", ["auto", "linear", "rbf"], "the SVM kernel"),
        ])

    static let tui = CommandSpec(
        name: "tui", summary: "open the analyst's review queue in the terminal",
        options: [
            database, language, theme,
            .path("config", "PATH", "the config file of themes, language, mouse and keys (default: $XDG_CONFIG_HOME/lantern/config)"),
            OptionSpec(name: "analyst", value: "NAME", help: "the name stored with each label (default: $USER)"),
            .flag("ascii", "draw with ASCII characters only"),
            .flag("preview", "show the screens with built-in sample data; no store is opened"),
        ],
        trailing: [PositionalSpec(name: "FILE", help: "a capture or mail file or folder to ingest into a new temporary store and open; "
                                      + "the store is removed on exit unless a label was stored in it",
                                  isPath: true, isOptional: true)])

    static let cluster = CommandSpec(
        name: "cluster", summary: "learn subnet prototypes, assign every subnet-day, raise early warnings",
        options: [
            database,
            OptionSpec(name: "from", value: "YYYY-MM-DD", help: "first day of the training period"),
            OptionSpec(name: "to", value: "YYYY-MM-DD", help: "last day of the training period"),
            OptionSpec(name: "k", value: "15", help: "number of prototypes, 2 to 64"),
            .choice("linkage", ["ward", "average", "complete"], "the hierarchical clustering linkage"),
            OptionSpec(name: "min-windows", value: "10",
                       help: "fewest (host, window) pairs a subnet-day needs to train on or to raise a flag"),
            .flag("no-signatures", "leave the signature features out of the subnet-day vectors"),
            OptionSpec(name: "transition-threshold", value: "0.02",
                       help: "largest smoothed transition probability that still counts as rare"),
            OptionSpec(name: "visit-threshold", value: "0.01",
                       help: "largest share of active subnets that visited a prototype for a move into it to count as rare"),
            .path("vectors", "FILE", "cluster a file of little-endian doubles instead of the store (Ward linkage)"),
            OptionSpec(name: "dimension", value: "N", help: "doubles per vector in the --vectors file (default: 27)"),
        ])

    static let export = CommandSpec(
        name: "export", summary: "print labels, alerts, early-warning flags or mail, one record per line",
        leading: [PositionalSpec(name: "WHAT", help: "the records to print", choices: ["labels", "alerts", "flags", "mail"])],
        options: [database, .choice("format", ["csv", "jsonl"], "the output format (default: jsonl)")])

    static let stats = CommandSpec(
        name: "stats", summary: "print what the store holds and what the model learned from", options: [database])

    static let evaluate = CommandSpec(
        name: "evaluate", summary: "replay the analyst loop with ground truth beside rule baselines",
        leading: [PositionalSpec(name: "WHAT", help: "the model to evaluate", choices: ["backscatter", "mail"])],
        options: [
            database,
            .path("truth", "FILE", "for backscatter: the ground truth, JSON Lines with src and role per source host"),
            OptionSpec(name: "budgets", value: "0,0.5,1,2,5",
                       help: "label budgets in percent of the windows, 0 to 100, separated by commas"),
            .choice("features", ["baseline", "extended", "both"], "the feature sets to evaluate (default: both)"),
            .flag("by-kind", "also print the wrong calls per kind of traffic"),
            .path("stream", "DIR", "for mail: the labelled stream, messages under malicious/ and spam/ folders"),
            OptionSpec(name: "initial-days", value: "N", help: "for mail: days of the first training set (default: 60)"),
            OptionSpec(name: "window-days", value: "N", help: "for mail: days of each daily retrain's window (default: 30)"),
            OptionSpec(name: "initial-share", value: "S",
                       help: "for mail: share of the messages, above 0 and below 1, in the first training set instead of days"),
            OptionSpec(name: "window-share", value: "S",
                       help: "for mail: share of the messages, above 0 and at most 1, in each retrain's window instead of days"),
            OptionSpec(name: "since", value: "YYYY-MM-DD", help: "for mail: leave out messages dated before this UTC day"),
            .path("out", "DIR", "for mail: the folder for the daily accuracy CSV and SVG chart (default: .)"),
        ] + mailModelOptions)

    static let label = CommandSpec(
        name: "label", summary: "label stored mail that has no label yet with reputation lists and a labeller program",
        leading: [PositionalSpec(name: "WHAT", help: "the records to label", choices: ["mail"])],
        options: [database] + labellerOptions)

    static let demo = CommandSpec(
        name: "demo", summary: "simulate two weeks of darknet traffic and a spam trap's mail, ingest, train, cluster, and open the UI",
        options: [
            .path("dir", "DIR", "the folder for the capture and the store (default: lantern-demo)"),
            OptionSpec(name: "packets", value: "N", help: "number of packets to simulate, 2000 to 50000000 (default: 200000)"),
            language, theme,
            .flag("no-ui", "stop after training instead of opening the UI"),
        ])

    static let completion = CommandSpec(
        name: "completion", summary: "print a completion script for bash or zsh",
        leading: [PositionalSpec(name: "SHELL", help: "the shell to print the script for", choices: ["bash", "zsh"])],
        options: [])
}

extension CommandSpec {
    /// `help` is answered by `Lantern.run` itself; the spec lists it in the man page and completions.
    static let help = CommandSpec(
        name: "help", summary: "print the commands and their options",
        options: [
            .flag("man", "print the manual page in roff format instead, as docs/lantern.1 holds it"),
            .choice("lang", ["en", "ja"], "the language of the manual page (default: en)"),
        ],
        trailing: [PositionalSpec(name: "COMMAND", help: "print this command's options, as 'lantern COMMAND --help' does", isOptional: true)])
}
