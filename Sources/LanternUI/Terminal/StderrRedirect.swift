import Glibc

/// Sends stderr to a log file while ncurses owns the screen, then puts it back and replays
/// what was written, so no library message lands in the middle of the drawing.
struct StderrRedirect {
    let logPath: String
    /// Whether the log is a temporary file to delete after the replay.
    let isTemporary: Bool
    private let savedDescriptor: Int32

    /// Redirects descriptor 2 to `logPath` (appending), or to a new private temporary file.
    ///
    /// - Throws: `UIError.terminalCallFailed` naming the call that failed.
    init(logPath requested: String?, environment: [String: String]) throws {
        let descriptor: Int32
        if let requested {
            descriptor = open(requested, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            logPath = requested
            isTemporary = false
        } else {
            let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((directory + "/lantern-tui.XXXXXX").utf8CString)
            descriptor = mkstemp(&template)
            logPath = String(cString: template)
            isTemporary = true
        }
        guard descriptor >= 0 else {
            throw UIError.terminalCallFailed(call: "open(" + SafeText.line(requested ?? "temporary log") + "): " + String(cString: strerror(errno)))
        }
        fflush(stderr)
        savedDescriptor = dup(2)
        guard savedDescriptor >= 0, dup2(descriptor, 2) >= 0 else {
            close(descriptor)
            throw UIError.terminalCallFailed(call: "dup2(stderr): " + String(cString: strerror(errno)))
        }
        close(descriptor)
        SignalState.savedStderr.pointee = savedDescriptor
    }

    /// Points stderr back at the terminal and writes the log's contents there, with control
    /// characters escaped. Returns the replayed text.
    @discardableResult
    func restore() -> String {
        fflush(stderr)
        dup2(savedDescriptor, 2)
        close(savedDescriptor)
        SignalState.savedStderr.pointee = -1
        let contents = (try? readTextFile(logPath).get()) ?? ""
        if isTemporary {
            unlink(logPath)
        }
        guard !contents.isEmpty else { return "" }
        var lines = SafeText.lines(contents)
        if lines.last == "" { lines.removeLast() }
        let text = lines.joined(separator: "\n") + "\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        return text
    }
}
