import Foundation
import LanternMail

/// A reputation list on disk: URLs and domains known to be malicious.
///
/// A URL of a message is malicious when its canonical spelling (see `URLNormalizer`) is listed,
/// or when its host's registered domain is the registered domain of a listed domain. A listed
/// host therefore lists its whole registered domain: "login.evil.example" also catches
/// "cdn.evil.example". URLs in the list match only themselves, because lists such as URLhaus
/// name single files on otherwise harmless hosts. Everything else is `unknown`, never benign: a
/// list of bad things cannot vouch for what it does not contain.
///
/// Two formats are read, recognised from the file itself (see `ReputationList+Loading.swift`):
/// plain lines of URLs or domains, and URLhaus-style CSV.
///
/// - Complexity: loading is O(file size) in time and memory; a lookup is O(URL length).
public final class ReputationList: MailLabeller {
    public let source = "reputation-list"
    /// The path the list was read from.
    public let name: String
    /// Canonical URLs in the list.
    public internal(set) var urls: Set<String> = []
    /// Registered domains in the list, including IP addresses listed as hosts.
    public internal(set) var domains: Set<String> = []
    private var warnings: [LabellerWarning] = []

    /// Reads the list at `path`. Malformed lines are skipped with a warning each.
    /// - Throws: `LabellerError.unreadableList` when the file cannot be read.
    public convenience init(path: String) throws {
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
            throw LabellerError.unreadableList(path: path, reason: reason)
        }
        self.init(contents: contents, path: path)
    }

    /// Parses a list from bytes; `path` names it in warnings and as the labeller's name.
    public init(contents: Data, path: String) {
        name = path
        load(contents)
    }

    /// The number of entries loaded (URLs plus domains).
    public var count: Int { urls.count + domains.count }

    public func takeWarnings() -> [LabellerWarning] {
        defer { warnings.removeAll() }
        return warnings
    }

    func warn(line: Int, _ problem: LabellerWarning.ListLineProblem) {
        warnings.append(.malformedLine(path: name, line: line, problem: problem))
    }

    /// Returns `malicious` when `url` or its registered domain is listed, `unknown` otherwise.
    public func answer(for url: String) -> LabellerDecision {
        if let canonical = URLNormalizer.normalize(url), urls.contains(canonical) {
            return LabellerDecision(answer: .malicious, evidence: url)
        }
        if let host = URLExtractor.host(of: url), let domain = RegisteredDomain.of(host: host), domains.contains(domain) {
            return LabellerDecision(answer: .malicious, evidence: domain)
        }
        return .unknown
    }

    public func label(urls messageURLs: [String]) -> LabellerDecision {
        for url in messageURLs {
            let decision = answer(for: url)
            if decision.answer == .malicious { return decision }
        }
        return .unknown
    }
}
