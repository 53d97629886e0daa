import Foundation
import LanternStore
import LanternTriage

/// Mail training as `lantern ingest` and `lantern train` run it, and the mail lines of
/// `lantern stats`.
enum MailTrainingCommand {
    /// Trains the mail models on the labels in force, writes every message's verdict and prints
    /// one summary line. Does nothing when the store contains no mail.
    static func train(store: Store) throws {
        guard !(try store.mailCountsByFolderLabel().isEmpty) else { return }
        let summary = try MailTraining(store: store).run()
        Output.note(summaryLine(summary))
        if summary.unconvergedRuns > 0 {
            Output.error(.mailSolverLimit, ["version": summary.modelVersion, "runs": summary.unconvergedRuns])
        }
    }

    static func summaryLine(_ summary: MailTraining.Summary) -> String {
        guard summary.active else {
            // Labelled messages are not queued: the queue contains the messages without a label.
            let queued = max(0, summary.messages - summary.maliciousLabels - summary.benignLabels)
            return Output.text(.mailModelInactive, ["version": summary.modelVersion, "malicious": summary.maliciousLabels,
                                                    "benign": summary.benignLabels, "messages": summary.messages, "queued": queued])
        }
        return Output.text(.mailModelTrained, ["version": summary.modelVersion, "malicious": summary.maliciousLabels,
                                               "benign": summary.benignLabels, "features": summary.selectedFeatures,
                                               "verdicts": summary.maliciousVerdicts, "messages": summary.messages,
                                               "unknown": summary.unknownMessages])
    }

    /// Returns the mail model lines of `lantern stats`, printed after the counts of
    /// `MailStatsLines`, or none when the store contains no mail.
    static func statsLines(_ store: Store) throws -> [(String, String)] {
        guard !(try store.mailCountsByFolderLabel().isEmpty) else { return [] }
        let model = try store.latestMailModel()
        var lines: [(String, String)] = [
            ("mail model version", String(model?.version ?? 0)),
            ("mail model active", model?.active == true ? "yes" : "no"),
        ]
        if model?.active != true {
            lines.append(("mail note", Output.text(.mailStatsNote)))
        }
        return lines
    }
}
