import Foundation
import LanternUI

/// The one funnel for what the command line prints: results to stdout, diagnostics to stderr.
///
/// Diagnostics often quote untrusted text (file names from a sensor's folder, libpcap's messages
/// about them), so controls, escape sequences, bidi overrides and line breaks in them are shown
/// as visible escapes and can never act on the analyst's terminal or forge a line.
///
/// Messages come from the `MessageKey` catalogue of `strings`, the language chosen once at
/// start-up. Machine-readable output (stats keys, exports) is printed with `line(_:)` as it is.
enum Output {
    /// The catalogue of the language `main` chose from `--lang`, LC_ALL, LC_MESSAGES and LANG.
    /// Set once before any command runs and never changed after.
    nonisolated(unsafe) static var strings = Strings.en

    /// Returns the message for `key` in the chosen language.
    static func text(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) -> String {
        strings(key, arguments)
    }

    static func line(_ text: String) {
        print(text)
    }

    static func line(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) {
        line(text(key, arguments))
    }

    static func error(_ text: String) {
        write("lantern: " + SafeText.escapingControls(text))
    }

    static func error(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) {
        error(text(key, arguments))
    }

    /// Prints `error` worded in the chosen language.
    static func error(_ error: any Error) {
        self.error(ErrorText.message(error, strings))
    }

    static func note(_ text: String) {
        write(SafeText.escapingControls(text))
    }

    static func note(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) {
        note(text(key, arguments))
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when stderr is a terminal, so a progress bar can redraw in place.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
