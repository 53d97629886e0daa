/// The label a labeller returns for a URL or a message.
public enum LabellerAnswer: String, Sendable, CaseIterable {
    case malicious
    case benign
    /// The labeller cannot tell: the URL is not listed, or the command failed.
    case unknown
}

/// A labeller's answer on one message, with the URL or list entry that decided it.
public struct LabellerDecision: Sendable, Equatable {
    public var answer: LabellerAnswer
    /// The URL, or the listed domain, that the answer rests on; `nil` for `unknown`.
    public var evidence: String?

    public init(answer: LabellerAnswer, evidence: String? = nil) {
        self.answer = answer
        self.evidence = evidence
    }

    public static let unknown = LabellerDecision(answer: .unknown)
}

/// A source of labels for mail that looks only at the URLs a message contains.
///
/// Labellers never open a URL: a reputation list compares strings, and an external command gets
/// each URL as text on its standard input. A message without URLs is `unknown` to every labeller.
public protocol MailLabeller: AnyObject {
    /// The store's name for labels from this kind of labeller: `reputation-list` or `command`.
    var source: String { get }
    /// The list file or the program, stored with each label so a label can be traced back.
    var name: String { get }
    /// Warnings collected since the last call to `takeWarnings()`.
    func takeWarnings() -> [LabellerWarning]
    /// Labels a message by its de-obfuscated URLs, as `URLExtractor` returns them.
    func label(urls: [String]) -> LabellerDecision
}

extension MailLabeller {
    /// Combines per-URL answers into one message decision, asking `answerFor` in order.
    ///
    /// A message is malicious as soon as one URL is, so the remaining URLs are not asked. It is
    /// benign only when every URL is benign, and unknown otherwise (a URL the labeller cannot
    /// judge may be the malicious one).
    /// - Complexity: O(*u*) calls of `answerFor` for *u* distinct URLs.
    public static func combine(_ urls: [String], answerFor: (String) -> LabellerAnswer) -> LabellerDecision {
        var seen: Set<String> = []
        var allBenign = true
        var firstBenign: String?
        for url in urls where seen.insert(url).inserted {
            switch answerFor(url) {
            case .malicious:
                return LabellerDecision(answer: .malicious, evidence: url)
            case .benign:
                firstBenign = firstBenign ?? url
            case .unknown:
                allBenign = false
            }
        }
        guard allBenign, let firstBenign else { return .unknown }
        return LabellerDecision(answer: .benign, evidence: firstBenign)
    }
}

/// Labellers asked in order until one gives an answer other than `unknown`.
///
/// Reputation lists come before external commands in `lantern label mail`, because a list
/// lookup is a hash probe and a command may run a sandboxed crawler for seconds per URL.
public struct LabellerChain {
    public var labellers: [any MailLabeller]

    public init(_ labellers: [any MailLabeller]) {
        self.labellers = labellers
    }

    /// Returns the first decisive answer and the labeller that gave it, or `nil` when every
    /// labeller answers `unknown`.
    public func label(urls: [String]) -> (decision: LabellerDecision, labeller: any MailLabeller)? {
        guard !urls.isEmpty else { return nil }
        for labeller in labellers {
            let decision = labeller.label(urls: urls)
            if decision.answer != .unknown { return (decision, labeller) }
        }
        return nil
    }

    /// Warnings of every labeller since the last call, in labeller order.
    public func takeWarnings() -> [LabellerWarning] {
        labellers.flatMap { $0.takeWarnings() }
    }
}
