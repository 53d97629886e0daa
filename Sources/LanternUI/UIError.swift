/// Failures of the terminal UI, each with a sentence for the user in either language.
public enum UIError: Error, Equatable, CustomStringConvertible {
    /// TERM is unset or empty.
    case noTerm
    /// TERM names a terminal that cannot address the cursor ("dumb", "unknown").
    case dumbTerminal(term: String)
    /// TERM is not in the terminfo database, so `newterm` failed.
    case unknownTerminal(term: String)
    /// Standard input or output is not a terminal (a pipe or a file).
    case notATerminal(stream: StandardStream)
    /// SIGINT or SIGTERM arrived; the terminal was restored before this was thrown.
    case interrupted(signal: Int32)
    /// `--lang` named a language without a catalogue.
    case unknownLanguage(String)
    /// An ncurses call needed to set up the screen returned ERR.
    case terminalCallFailed(call: String)

    /// Returns the message in `strings`' language.
    public func message(_ strings: Strings) -> String {
        switch self {
        case .noTerm:
            return strings(.errorNoTerm)
        case .dumbTerminal(let term):
            return strings(.errorDumbTerm, ["term": SafeText.line(term)])
        case .unknownTerminal(let term):
            return strings(.errorUnknownTerm, ["term": SafeText.line(term)])
        case .notATerminal(let stream):
            return strings(.errorNotTerminal, ["stream": strings(stream == .input ? .streamInput : .streamOutput)])
        case .interrupted(let signal):
            return strings(.errorInterrupted, ["signal": String(signal)])
        case .unknownLanguage(let value):
            return strings(.errorUnknownLanguage, ["value": SafeText.line(value)])
        case .terminalCallFailed(let call):
            return strings(.errorTerminalFailed, ["call": call])
        }
    }

    public var description: String { message(.en) }
}

/// Standard input or standard output, named in `UIError.notATerminal`.
public enum StandardStream: Sendable, Equatable {
    case input
    case output
}
