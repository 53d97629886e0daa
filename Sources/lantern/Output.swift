import Foundation
import LanternUI

/// The one funnel for what the command line prints: results to stdout, diagnostics to stderr.
///
/// Diagnostics often quote untrusted text (file names from a sensor's folder, libpcap's messages
/// about them), so controls, escape sequences, bidi overrides and line breaks in them are shown
/// as visible escapes and can never act on the analyst's terminal or forge a line.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        write("lantern: " + SafeText.escapingControls(text))
    }

    static func note(_ text: String) {
        write(SafeText.escapingControls(text))
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when stderr is a terminal, so a progress bar can redraw in place.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
