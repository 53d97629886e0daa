import Foundation

/// The one funnel for what the command line prints: results to stdout, diagnostics to stderr.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("lantern: " + text + "\n").utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when stderr is a terminal, so a progress bar can redraw in place.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
