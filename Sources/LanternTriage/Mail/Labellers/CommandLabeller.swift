import Foundation
import LanternProcess

/// An external program that judges URLs, such as a sandboxed crawler the analyst configures.
///
/// The program runs once per distinct URL, directly with `posix_spawn` and never through a
/// shell, with `arguments` as given and the URL and a newline as its whole standard input.
/// It reports its label by printing `malicious`, `benign` or `unknown` (any case, surrounding white space
/// ignored) as its first line and exiting with status 0. A non-zero status, a run past
/// `timeout` (the program's process group is then killed) or any other output counts as
/// `unknown`, with a warning that names the program. One run per URL keeps a failure or a slow
/// URL from costing the answers on the others. Answers are kept for the labeller's lifetime,
/// so a URL that recurs across messages runs the program once. After
/// `timeoutsBeforeGivingUp` runs in a row time out, the program is not run again: a hung
/// crawler would otherwise cost the whole timeout on every remaining URL.
///
/// Lantern itself never opens the URL, and no text from mail becomes an argument, a path or an
/// environment variable of the program.
///
/// - Complexity: one program run per distinct URL; memory O(distinct URLs) for the answers.
public final class CommandLabeller: MailLabeller {
    public let source = "command"
    /// The program as given on the command line, named in warnings and stored with labels.
    public let name: String
    /// The executable's path after the PATH search.
    public let executable: String
    public let arguments: [String]
    /// Seconds one run may take.
    public let timeout: Double
    private var answers: [String: LabellerAnswer] = [:]
    private var warnings: [LabellerWarning] = []
    /// Program runs so far; a cached answer does not count.
    public private(set) var runs = 0
    /// Runs in a row that timed out; any other outcome resets it.
    private var consecutiveTimeouts = 0
    /// Whether the program stopped being run after `timeoutsBeforeGivingUp` timeouts in a row.
    public private(set) var gaveUp = false

    /// Timeouts in a row after which the program is not run again for this labeller's lifetime.
    public static let timeoutsBeforeGivingUp = 3

    /// Standard error kept in a warning, in bytes; longer output is cut.
    static let quotedOutputLimit = 200

    /// - Parameters:
    ///   - program: a path, or a name searched on `PATH` as a shell would search it.
    ///   - arguments: passed to the program as they are, after its name.
    ///   - timeout: seconds before one run is killed; more than 0.
    /// - Throws: `LabellerError.programNotFound` or `LabellerError.invalidTimeout`.
    public init(program: String, arguments: [String] = [], timeout: Double = 10, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard timeout > 0, timeout.isFinite else { throw LabellerError.invalidTimeout(timeout) }
        guard let executable = Self.resolve(program, path: environment["PATH"]) else {
            throw LabellerError.programNotFound(program: program)
        }
        name = program
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
    }

    public func takeWarnings() -> [LabellerWarning] {
        defer { warnings.removeAll() }
        return warnings
    }

    public func label(urls: [String]) -> LabellerDecision {
        Self.combine(urls) { answer(for: $0) }
    }

    /// Runs the program on `url`, or returns the answer of an earlier run.
    public func answer(for url: String) -> LabellerAnswer {
        if let known = answers[url] { return known }
        guard !gaveUp else { return .unknown }
        let answer = run(url)
        answers[url] = answer
        return answer
    }

    private func run(_ url: String) -> LabellerAnswer {
        runs += 1
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run(
                executable, arguments, input: Array((url + "\n").utf8), timeout: timeout, outputLimit: 64 << 10)
        } catch {
            // The file was executable when the labeller was made; it may have gone since.
            warnings.append(.commandFailed(program: name, url: url, status: 127, standardError: String(describing: error)))
            return .unknown
        }
        if result.timedOut {
            warnings.append(.commandTimedOut(program: name, url: url, seconds: timeout))
            consecutiveTimeouts += 1
            if consecutiveTimeouts == Self.timeoutsBeforeGivingUp {
                gaveUp = true
                warnings.append(.commandAbandoned(program: name, timeouts: consecutiveTimeouts, seconds: timeout))
            }
            return .unknown
        }
        consecutiveTimeouts = 0
        guard result.status == 0 else {
            let standardError = Self.quoted(result.errorOutput)
            warnings.append(.commandFailed(program: name, url: url, status: result.status, standardError: standardError))
            return .unknown
        }
        let firstLine = result.output.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let answer = LabellerAnswer(rawValue: firstLine.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) else {
            warnings.append(.commandUnparseable(program: name, url: url, output: Self.quoted(result.output)))
            return .unknown
        }
        return answer
    }

    private static func quoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count > quotedOutputLimit else { return trimmed }
        return String(decoding: trimmed.utf8.prefix(quotedOutputLimit), as: UTF8.self) + "…"
    }

    /// Returns the executable file `program` names: itself when it contains a slash, otherwise
    /// the first match in the colon-separated `path` (an empty entry is the working directory,
    /// as in POSIX `execvp`).
    static func resolve(_ program: String, path: String?) -> String? {
        guard !program.isEmpty else { return nil }
        if program.contains("/") { return isExecutableFile(program) ? program : nil }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        for directory in directories {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
