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
            Output.error("mail model v\(summary.modelVersion): \(summary.unconvergedRuns) solver runs stopped at their iteration limit; "
                + "the verdicts are usable but not optimal")
        }
    }

    static func summaryLine(_ summary: MailTraining.Summary) -> String {
        let labels = "\(summary.maliciousLabels) malicious and \(summary.benignLabels) benign labels"
        guard summary.active else {
            return "mail model v\(summary.modelVersion): inactive, \(labels); at least one label of each class is needed, "
                + "so all \(summary.messages) messages are unknown and queued for 'lantern tui'"
        }
        return "mail model v\(summary.modelVersion): trained on \(labels), \(summary.selectedFeatures) features selected; "
            + "\(summary.maliciousVerdicts) of \(summary.messages) messages malicious, \(summary.unknownMessages) unknown"
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
            lines.append(("mail note", "at least one malicious and one benign label are needed; until then every message is unknown"))
        }
        return lines
    }
}
