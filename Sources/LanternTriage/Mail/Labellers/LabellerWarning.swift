/// A problem a labeller met and worked around: a skipped list line, or a URL the external
/// command could not judge (counted as `unknown`).
///
/// The values are kept apart from the sentence, so the command line can word them in the
/// analyst's language. URLs and program output here come from mail and from the program, so
/// the code that prints them must neutralise control characters and defang URLs.
public enum LabellerWarning: Sendable, Equatable, CustomStringConvertible {
    /// A reputation-list line that is not a URL, a domain or a well-formed CSV row.
    case malformedLine(path: String, line: Int, problem: ListLineProblem)
    /// The command exited with a non-zero status (128 plus the signal number for a signal).
    case commandFailed(program: String, url: String, status: Int32, standardError: String)
    /// The command was still running at the deadline and was killed with its process group.
    case commandTimedOut(program: String, url: String, seconds: Double)
    /// The command timed out on several URLs in a row and is not run again in this run.
    case commandAbandoned(program: String, timeouts: Int, seconds: Double)
    /// The command exited with 0 but printed something other than one of the three answers.
    case commandUnparseable(program: String, url: String, output: String)

    /// The defect of a reputation-list line.
    public enum ListLineProblem: Sendable, Equatable {
        /// The text is neither a URL with a host nor a domain name.
        case notURLOrDomain(String)
        /// The domain is a public suffix ("co.jp") or a single label, so no registered domain.
        case noRegisteredDomain(String)
        /// A quoted field is not closed before the end of the line.
        case unterminatedQuote
        /// The row has another number of fields than the header names (at least 3 without a header).
        case fieldCount(found: Int, expected: Int)
    }

    /// The warning in English, for logs and tests; the command line words it per language.
    public var description: String {
        switch self {
        case let .malformedLine(path, line, problem):
            return "\(path):\(line): \(problem.description); line skipped"
        case let .commandFailed(program, url, status, standardError):
            let detail = standardError.isEmpty ? "" : " (standard error: \(standardError))"
            return "labeller \(program) exited with status \(status) on \(url)\(detail); counted as unknown"
        case let .commandTimedOut(program, url, seconds):
            return "labeller \(program) timed out after \(Self.seconds(seconds)) s on \(url) and was killed; counted as unknown"
        case let .commandAbandoned(program, timeouts, seconds):
            return "labeller \(program) timed out on \(timeouts) URLs in a row (\(Self.seconds(seconds)) s each); "
                + "it is not run again in this run, so the remaining URLs count as unknown; check the program or raise --labeller-timeout"
        case let .commandUnparseable(program, url, output):
            return "labeller \(program) printed '\(output)' on \(url), expected malicious, benign or unknown; counted as unknown"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension LabellerWarning.ListLineProblem: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notURLOrDomain(text):
            return "'\(text)' is neither a URL with a host nor a domain name"
        case let .noRegisteredDomain(text):
            return "'\(text)' is a public suffix or a single label, not a registered domain"
        case .unterminatedQuote:
            return "a quoted field is not closed"
        case let .fieldCount(found, expected):
            return "\(found) fields, expected \(expected)"
        }
    }
}

/// A labeller that cannot be set up; `lantern label mail` stops with the message.
public enum LabellerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reputation list could not be read.
    case unreadableList(path: String, reason: String)
    /// The program was not found on PATH, or the path is not an executable file.
    case programNotFound(program: String)
    /// The timeout is not a positive number of seconds.
    case invalidTimeout(Double)

    public var description: String {
        switch self {
        case let .unreadableList(path, reason):
            return "cannot read the reputation list \(path): \(reason)"
        case let .programNotFound(program):
            return "labeller program \(program) was not found or is not executable; give a path or a program on PATH"
        case let .invalidTimeout(value):
            return "the labeller timeout must be more than 0 seconds, not \(value)"
        }
    }
}
