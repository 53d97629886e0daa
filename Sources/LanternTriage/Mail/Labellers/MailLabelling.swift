import LanternStore

/// Labelling stored messages with a chain of labellers, never over a label already in force.
///
/// A message that has a label in force (not undone), from the analyst or from an earlier
/// labeller run, is left alone, so an analyst's decision is never overridden. Each new label
/// is committed on its own before the next message is asked, so an interrupted run keeps
/// what it stored. `unknown` answers are counted and not stored: the message stays in the
/// analyst's queue.
public enum MailLabelling {
    /// Counts of one labelling run.
    public struct Outcome: Sendable, Equatable {
        /// Labels stored, by answer (`malicious`, `benign`).
        public var stored: [LabellerAnswer: Int] = [:]
        /// Labels stored, by labeller source (`reputation-list`, `command`).
        public var storedBySource: [String: Int] = [:]
        /// Messages every labeller answered `unknown` for, including those without URLs.
        public var unknown = 0
        /// Messages among `unknown` that contain no URL.
        public var withoutURLs = 0
        /// Messages skipped because a label is already in force.
        public var alreadyLabelled = 0

        public init() {}

        /// The number of labels stored.
        public var storedTotal: Int { stored.values.reduce(0, +) }
    }

    /// Asks `chain` about every stored message without a label in force, or only about the
    /// messages in `mailIDs` when given, and stores each decisive answer.
    /// - Parameters:
    ///   - modelVersion: the mail model version stored with each label.
    ///   - onWarning: called with each labeller warning as it happens.
    /// - Throws: `SQLiteError` or `StoreError` when the store cannot be read or written.
    /// - Complexity: O(*m*) messages read, plus the labellers' own cost per URL.
    public static func run(
        store: Store, chain: LabellerChain, mailIDs: Set<Int64>? = nil, modelVersion: Int,
        onWarning: (LabellerWarning) -> Void = { _ in }
    ) throws -> Outcome {
        var outcome = Outcome()
        let labelled = Set(try store.mailLabels().map(\.mailID))
        for message in try store.mailMessages() where mailIDs?.contains(message.id) ?? true {
            guard !labelled.contains(message.id) else {
                outcome.alreadyLabelled += 1
                continue
            }
            let result = chain.label(urls: message.urls)
            chain.takeWarnings().forEach(onWarning)
            guard let (decision, labeller) = result, let label = storedLabel(decision.answer) else {
                outcome.unknown += 1
                if message.urls.isEmpty { outcome.withoutURLs += 1 }
                continue
            }
            _ = try store.insertMailLabel(
                mailID: message.id, label: label, source: labeller.source, labeller: labeller.name,
                shownVerdict: message.verdict, shownConfidence: message.confidence, shownUnknown: message.unknown,
                modelVersion: modelVersion)
            outcome.stored[decision.answer, default: 0] += 1
            outcome.storedBySource[labeller.source, default: 0] += 1
        }
        return outcome
    }

    /// The store's label for an answer: `malicious` or `benign`; `nil` for `unknown`.
    static func storedLabel(_ answer: LabellerAnswer) -> String? {
        switch answer {
        case .malicious: return "malicious"
        case .benign: return "benign"
        case .unknown: return nil
        }
    }
}
