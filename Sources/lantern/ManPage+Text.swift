import Foundation

extension ManPage {
    /// The fixed prose of the page in one language, and the help texts of that language.
    struct Text {
        var title: String
        /// NAME, SYNOPSIS and COMMANDS, in that order.
        var headings: [String]
        var nameLine: String
        var description: [String]
        var files: [String]
        var environment: [String]
        var exitStatus: [String]
        var seeAlso: [String]
        /// Help texts keyed by `command`, `command WORD` or `command --option`; nil to print the
        /// English texts of the command specs.
        var help: [String: String]?
        /// Whether lines need roff break points between characters, as Japanese does.
        var insertsBreakPoints = false
    }
}

extension ManPage.Text {
    static let english = ManPage.Text(
        title: "User Commands",
        headings: ["NAME", "SYNOPSIS", "COMMANDS"],
        nameLine: #"lantern \- darknet backscatter triage for SOC analysts"#,
        description: [
            ".SH DESCRIPTION",
            "Lantern reads darknet captures and mail into a local SQLite store, trains a backscatter",
            "model on the traffic windows, and puts the windows in a review queue that an analyst",
            "labels in the terminal.",
            "Labels feed the next training run.",
            "It also groups subnets by their daily traffic and flags subnets that move to a rare profile.",
            ".PP",
            "Run \\fBlantern demo\\fR for a first look, and \\fBlantern \\fIcommand\\fB \\-\\-help\\fR for one command.",
        ],
        files: [
            ".SH FILES",
            ".TP", ".I lantern.db", "The store; every command that takes \\fB\\-\\-db\\fR uses ./lantern.db without it.",
            ".TP", ".I alerts.jsonl", "The alerts that \\fBtrain\\fR writes beside the store, one JSON object per line; a store other than lantern.db writes NAME.alerts.jsonl.",
            ".TP", ".I Themes/*.theme",
            "Theme files, searched in \\fB$LANTERN_THEME_DIR\\fR, then in \\fIThemes\\fR in the working directory.",
        ],
        environment: [
            ".SH ENVIRONMENT",
            ".TP", ".B LC_ALL, LC_MESSAGES, LANG",
            "Choose English or Japanese, in this order, unless \\fB\\-\\-lang\\fR is given.",
            "Japanese works without a generated ja_JP locale because the character set falls back to UTF\\-8.",
            ".TP", ".B TERM", "The terminal type; it decides how many colours the UI uses.",
            ".TP", ".B NO_COLOR", "When set to a non\\-empty value, the UI draws without colour.",
            ".TP", ".B LANTERN_THEME_DIR", "A folder searched for theme files before \\fIThemes\\fR.",
        ],
        exitStatus: [
            ".SH EXIT STATUS",
            ".TP", ".B 0", "Success.",
            ".TP", ".B 1", "A valid command failed while it ran, for example on a missing or unreadable file, or on a store",
            "that another \\fBingest\\fR is writing; the message names it.",
            ".TP", ".B 2", "The command line was invalid: an unknown command or option, or a missing value.",
            ".TP", ".B 128+N", "\\fBtui\\fR was ended by signal N, after the terminal was restored.",
        ],
        seeAlso: [
            ".SH SEE ALSO",
            ".BR tcpdump (1),",
            ".BR sqlite3 (1)",
            ".PP",
            "The user guide in \\fIdocs/user\\-guide.md\\fR.",
        ],
        help: nil)
}
