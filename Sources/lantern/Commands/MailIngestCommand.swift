import Foundation
import LanternDarknet
import LanternMail
import LanternStore
import LanternTriage
import LanternUI

/// The mail side of `lantern ingest`: which paths hold mail, and reading them into the store.
///
/// With `--kind auto` (the default) files are recognised by content: mail (EML, mbox, Maildir)
/// goes to `MailIngest`, captures stay for the capture ingest. A directory goes to the capture
/// ingest only when it contains at least one capture, so a folder of mail never reaches the
/// capture side and its training. `--kind mail` reads every file as mail; `--kind capture`
/// skips the mail side.
enum MailIngestCommand {
    /// The accepted values of `--kind`.
    static let kinds = ["auto", "capture", "mail"]

    /// The paths left for the capture ingest, and the mail files taken (so the capture side
    /// need not list them as skipped).
    struct Split {
        var capturePaths: [String] = []
        var mailFiles: Set<String> = []
        var failures = 0
    }

    /// Ingests the mail among `paths`, labels the new messages with `labellers` when given, then
    /// trains the mail models when `train` is set and a message was stored, and returns what is
    /// left for the capture ingest.
    static func run(_ paths: [String], kind: String?, store: Store, labellers: LabellerChain? = nil, train: Bool = true) throws -> Split {
        let kind = kind ?? "auto"
        guard kinds.contains(kind) else {
            throw UsageError(.kindInvalid, ["accepted": kinds.joined(separator: ", "), "value": kind])
        }
        if kind == "capture" { return Split(capturePaths: paths) }
        let source: MailSource
        do {
            source = try MailSource(paths: paths, force: kind == "mail")
        } catch {
            // In auto mode the capture side reports a missing path with its own advice.
            guard kind == "mail" else { return Split(capturePaths: paths) }
            Output.error(SafeText.line(ErrorText.message(error, Output.strings)))
            return Split(failures: 1)
        }

        var split = Split(mailFiles: Set(source.files.map(\.path)))
        if kind == "auto" {
            split.capturePaths = capturePaths(paths, source: source)
            let captureFolders = split.capturePaths
            for skipped in source.notMail where !captureFolders.contains(where: { isInside(skipped.path, $0) }) {
                let reason = Output.text(skipped.isEmpty ? .mailSkipEmpty : .mailSkipNotMail)
                Output.note(SafeText.line(Output.text(.mailSkippedPath, ["path": skipped.path, "reason": reason])))
            }
        }
        guard !source.files.isEmpty else { return split }
        split.failures = try ingest(source, store: store, labellers: labellers, train: train)
        return split
    }

    /// Reads `source` into the store and prints one line per failure and a summary. Then labels
    /// the messages stored now with `labellers` when given, and trains the mail models when
    /// `train` is set and a message was stored. Returns the number of failed messages.
    static func ingest(_ source: MailSource, store: Store, labellers: LabellerChain? = nil, train: Bool = true) throws -> Int {
        let ingest = MailIngest(store: store)
        if let warning = ingest.tokenizerWarning { Output.note(SafeText.line(Output.text(.mailWarning, ["detail": warning]))) }
        ingest.onFailure = { failure in Output.note(SafeText.line(Output.text(.mailSkippedMessage, ["detail": failureText(failure)]))) }
        ingest.onWarning = { warning in Output.note(SafeText.line(Output.text(.mailWarning, ["detail": warning]))) }
        let outcome = try ingest.ingest(source)

        let counts: [String: any CustomStringConvertible] = ["stored": outcome.stored, "duplicates": outcome.duplicates,
                                                             "failed": outcome.failures.count]
        // Folder names (malicious, spam) are the trap's folder names and stay as they are.
        let folders = outcome.storedByFolder.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }
        if folders.isEmpty {
            Output.note(.mailSummary, counts)
        } else {
            let list = folders.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            Output.note(.mailSummaryFolders, counts.merging(["folders": list]) { first, _ in first })
        }
        if let labellers, !outcome.storedIDs.isEmpty {
            try MailLabellerOptions.label(store: store, chain: labellers, mailIDs: Set(outcome.storedIDs), language: LabelMessages.language)
        }
        if train && outcome.stored > 0 { try MailTrainingCommand.train(store: store) }
        return outcome.failures.count
    }

    /// Returns where a message failed and why, in the chosen language.
    static func failureText(_ failure: MailIngest.Failure) -> String {
        let location = failure.index.map { Output.text(.mailMessageLocation, ["path": failure.path, "number": $0 + 1]) } ?? failure.path
        let reason = failure.mailError.map { ErrorText.mail($0, Output.strings) } ?? failure.reason
        return location + ": " + reason
    }

    /// Paths named directly that are not mail, and directories containing a capture.
    private static func capturePaths(_ paths: [String], source: MailSource) -> [String] {
        paths.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                return !source.files.contains { $0.path == path }
            }
            return source.notMail.contains { isInside($0.path, path) && (CaptureFileFormat.detect(path: $0.path)?.isCapture ?? false) }
        }
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
