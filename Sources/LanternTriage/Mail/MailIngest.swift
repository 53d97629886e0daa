import Foundation
import LanternMail
import LanternStore

/// Reading mail files into the store: every message parsed, stored once, and every broken
/// message reported with its path and reason, counted and skipped.
///
/// Messages are written in batches of `batchSize` per transaction: with `synchronous=FULL`
/// each commit waits for the disk, so one commit per message would dominate the run.
public final class MailIngest {
    /// A message that could not be read or parsed.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// The message's number in its mbox, from 0; `nil` for single-message files.
        public var index: Int?
        public var reason: String
        /// The reason as a case when the message itself was at fault, so a caller can word it in
        /// the user's language. It is `nil` for other failures, such as a store error.
        public var mailError: MailError?

        public var description: String {
            (index.map { "\(path) (message \($0 + 1))" } ?? path) + ": " + reason
        }
    }

    /// Counts of one ingest, in total and per folder label ("" outside malicious/ and spam/).
    public struct Outcome: Sendable {
        public var stored = 0
        public var duplicates = 0
        public var failures: [Failure] = []
        public var storedByFolder: [String: Int] = [:]
        /// Row ids of the messages stored by this ingest, so labellers can ask about them alone.
        public var storedIDs: [Int64] = []
    }

    private let store: Store
    public let parser: MailParser
    /// The reason Japanese text is not split into words (no MeCab dictionary), or `nil`.
    public let tokenizerWarning: String?
    public var batchSize = 200
    /// Called for each failure as it happens, for progress output.
    public var onFailure: ((Failure) -> Void)?
    /// Called for each file read with a warning (an odd Maildir name, for example).
    public var onWarning: ((String) -> Void)?

    public init(store: Store) {
        self.store = store
        do {
            let morphological = try MorphologicalTokenizer()
            parser = MailParser(tokenizer: MailTokenizer(morphological: morphological))
            tokenizerWarning = nil
        } catch {
            parser = MailParser(tokenizer: MailTokenizer(morphological: nil))
            tokenizerWarning = "Japanese text is kept as whole runs, not words: \(error)"
        }
    }

    private struct Parsed {
        var message: MailMessage
        var origin: MailOrigin
    }

    /// Reads every file of `source` and stores its messages.
    /// - Throws: `SQLiteError` when the store cannot be written; parse failures never throw.
    /// - Complexity: O(total bytes), plus MeCab's time on Japanese text.
    public func ingest(_ source: MailSource) throws -> Outcome {
        var outcome = Outcome()
        var batch: [Parsed] = []
        for file in source.files {
            if let warning = file.maildir?.warning {
                onWarning?("\(file.path): \(warning); the message is still read")
            }
            MailReader.forEachMessage(in: file, limits: parser.limits) { index, result in
                let failureIndex = file.kind == .mbox ? index : nil
                do {
                    let bytes = try result.get()
                    // The same bytes always parse to the same Message-ID, so the hash alone
                    // identifies a message stored before, and parsing it again is skipped.
                    if try store.containsMail(contentHash: MailParser.contentHash(bytes)) {
                        outcome.duplicates += 1
                        return
                    }
                    let message = try parser.parse(bytes)
                    let origin = MailOrigin(path: file.path, index: index, maildirFlags: file.maildir?.flags, folderLabel: file.folderLabel)
                    batch.append(Parsed(message: message, origin: origin))
                } catch {
                    let failure = Failure(path: file.path, index: failureIndex, reason: String(describing: error),
                                          mailError: error as? MailError)
                    outcome.failures.append(failure)
                    onFailure?(failure)
                }
            }
            if batch.count >= batchSize {
                try write(&batch, into: &outcome)
            }
        }
        try write(&batch, into: &outcome)
        return outcome
    }

    private func write(_ batch: inout [Parsed], into outcome: inout Outcome) throws {
        guard !batch.isEmpty else { return }
        let results = try store.database.transaction {
            try batch.map { try store.insertMail($0.message, origin: $0.origin) }
        }
        for (parsed, insertedID) in zip(batch, results) {
            if let insertedID {
                outcome.stored += 1
                outcome.storedIDs.append(insertedID)
                outcome.storedByFolder[parsed.origin.folderLabel ?? "", default: 0] += 1
            } else {
                outcome.duplicates += 1
            }
        }
        batch.removeAll(keepingCapacity: true)
    }
}
