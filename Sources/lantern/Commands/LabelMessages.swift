import Foundation
import LanternTriage
import LanternUI

/// The messages of mail labelling (`lantern label mail`, the labeller options of `ingest`) and of
/// the mail model options, worded from the message catalogue.
///
/// URLs from mail are defanged and every quoted value is reduced to one line before it is printed.
enum LabelMessages {
    /// The language of this run, as `Lantern.strings(for:)` chose it at start-up.
    static var language: Strings.Language {
        Output.strings.language
    }

    static func warning(_ warning: LabellerWarning, _ language: Strings.Language) -> String {
        let strings = Strings.catalogue(for: language)
        switch warning {
        case let .malformedLine(path, line, problem):
            return strings(.labellerMalformedLine, ["location": SafeText.line("\(path):\(line)"), "problem": self.problem(problem, strings)])
        case let .commandFailed(program, url, status, standardError):
            let detail = SafeText.line(standardError)
            return strings(detail.isEmpty ? .labellerFailed : .labellerFailedWithOutput,
                           ["program": SafeText.line(program), "url": SafeText.defang(url), "status": status, "detail": detail])
        case let .commandTimedOut(program, url, seconds):
            return strings(.labellerTimedOut, ["program": SafeText.line(program), "url": SafeText.defang(url), "limit": secondsText(seconds)])
        case let .commandAbandoned(program, timeouts, seconds):
            return strings(.labellerAbandoned, ["program": SafeText.line(program), "timeouts": timeouts, "limit": secondsText(seconds)])
        case let .commandUnparseable(program, url, output):
            return strings(.labellerUnparseable,
                           ["program": SafeText.line(program), "url": SafeText.defang(url), "output": SafeText.line(output)])
        }
    }

    /// Formats whole seconds without a decimal point and any other number with one.
    private static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func problem(_ problem: LabellerWarning.ListLineProblem, _ strings: Strings) -> String {
        switch problem {
        case let .notURLOrDomain(text): return strings(.listLineNotURLOrDomain, ["text": SafeText.line(text)])
        case let .noRegisteredDomain(text): return strings(.listLineNoRegisteredDomain, ["text": SafeText.line(text)])
        case .unterminatedQuote: return strings(.listLineUnterminatedQuote)
        case let .fieldCount(found, expected): return strings(.listLineFieldCount, ["found": found, "expected": expected])
        }
    }

    static func error(_ error: LabellerError, _ language: Strings.Language) -> String {
        let strings = Strings.catalogue(for: language)
        switch error {
        case let .unreadableList(path, reason):
            return SafeText.line(strings(.labellerListUnreadable, ["path": path, "reason": reason]))
        case let .programNotFound(program):
            return SafeText.line(strings(.labellerProgramNotFound, ["program": program]))
        case let .invalidTimeout(value):
            return strings(.labellerInvalidTimeout, ["value": value])
        }
    }

    static func listLoaded(_ list: ReputationList, _ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.reputationListLoaded,
                                         ["path": SafeText.line(list.name), "urls": list.urls.count, "domains": list.domains.count])
    }

    /// One line of counts: labels stored per answer and per source, unknown, already labelled.
    static func summary(_ outcome: MailLabelling.Outcome, _ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.mailLabellingSummary, [
            "malicious": outcome.stored[.malicious] ?? 0, "benign": outcome.stored[.benign] ?? 0,
            "list": outcome.storedBySource["reputation-list"] ?? 0, "command": outcome.storedBySource["command"] ?? 0,
            "unknown": outcome.unknown, "withoutURLs": outcome.withoutURLs, "alreadyLabelled": outcome.alreadyLabelled,
        ])
    }

    static func noLabeller(_ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.labelNeedsLabeller)
    }

    static func labellerArgumentsWithoutCommand(_ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.labellerOptionsWithoutCommand)
    }

    static func invalidTimeout(_ text: String, _ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.labellerTimeoutInvalid, ["value": SafeText.line(text)])
    }

    static func invalidNu(_ text: String, _ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.nuInvalid, ["value": SafeText.line(text)])
    }

    static func invalidGamma(_ text: String, _ language: Strings.Language) -> String {
        Strings.catalogue(for: language)(.gammaInvalid, ["value": SafeText.line(text)])
    }
}
