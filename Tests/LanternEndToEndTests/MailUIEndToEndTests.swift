import Foundation
import XCTest

/// The Mail screen driven for real in tmux: real messages ingested, keys in, labels checked
/// through `lantern export labels` after quitting.
final class MailUIEndToEndTests: XCTestCase {
    private var directory = ""

    /// Two Japanese, two malicious and two non-malicious spam messages of the shared set.
    private let messages = [
        "ja/2021-07-22-0001.eml", "ja/2022-02-06-0001.eml", "malicious/2024-01-03-0001.eml",
        "malicious/2025-01-04-0001.eml", "spam/2026-01-03-0001.eml", "spam/2026-01-06-0001.eml",
    ]

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        let mail = try EndToEnd.requireSharedData("mail")
        directory = try EndToEnd.temporaryDirectory()
        let inbox = directory + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for name in messages {
            try FileManager.default.copyItem(atPath: mail.appendingPathComponent(name).path,
                                             toPath: inbox + "/" + name.replacingOccurrences(of: "/", with: "-"))
        }
        let ingest = try EndToEnd.lantern(["ingest", "--db", "m.db", "--kind", "mail", "inbox"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTwoLabelsUndoOneLeavesOneMailLabel() throws {
        let command = "cd '\(directory)' && exec '\(EndToEnd.binary)' tui --db m.db --lang en --analyst e2e"
        let session = try TmuxSession(command: command, width: 80, height: 24)
        try session.waitFor("the review screen") { $0.contains("3 Mail") }
        try session.send("3")
        let mailScreen = try session.waitFor("the mail screen") { $0.contains("mail model v") && $0.contains("subject") }
        XCTAssertTrue(mailScreen.contains("From:"), mailScreen)
        XCTAssertFalse(mailScreen.contains("\u{1B}"), "no raw escape reaches the pane")

        try session.send("m")
        try session.waitFor("the first saved line") { $0.contains("saved: message") && $0.contains("→ malicious") }
        try session.send("c")
        try session.waitFor("the second saved line") { $0.contains("→ not malicious") }
        try session.send("u")
        try session.waitFor("the undone line") { $0.contains("undone: label for message") }
        try session.send("q")
        session.waitUntilEnded()

        let export = try EndToEnd.lantern(["export", "labels", "--db", "m.db", "--format", "jsonl"], directory: directory)
        XCTAssertEqual(export.status, 0, export.stderr)
        let mailRecords = export.stdout.split(separator: "\n").map(String.init).filter { $0.contains(#""kind":"mail""#) }
        let inForce = mailRecords.filter { $0.contains(#""undone_at":null"#) }
        XCTAssertEqual(inForce.count, 1, export.stdout)
        XCTAssertTrue(inForce.first?.contains(#""label":"malicious""#) ?? false, export.stdout)
        XCTAssertTrue(inForce.first?.contains(#""source":"analyst""#) ?? false, export.stdout)
        XCTAssertTrue(inForce.first?.contains(#""analyst":"e2e""#) ?? false, export.stdout)
        let shownUnknown = inForce.first?.range(of: #","shown_unknown":(true|false),"#, options: .regularExpression)
        XCTAssertNotNil(shownUnknown, "the flag shown to the analyst is a JSON boolean: \(export.stdout)")
        XCTAssertEqual(mailRecords.count, 2, "the undone label stays in the history with its undo time")

        // lantern export mail shows the label in force and the verdicts the session stored.
        let mailExport = try EndToEnd.lantern(["export", "mail", "--db", "m.db", "--format", "jsonl"], directory: directory)
        XCTAssertEqual(mailExport.status, 0, mailExport.stderr)
        let records = mailExport.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(records.count, messages.count, mailExport.stdout)
        XCTAssertEqual(records.filter { $0.contains(#""label":"malicious""#) }.count, 1, mailExport.stdout)
        XCTAssertTrue(records.allSatisfy { !$0.contains(#""unknown":null"#) }, "every message has a stored unknown flag")
        XCTAssertTrue(records.allSatisfy { $0.range(of: #","unknown":(true|false),"#, options: .regularExpression) != nil },
                      "the unknown flag is a JSON boolean: \(mailExport.stdout)")

        let stats = try EndToEnd.stats(db: "\(directory)/m.db")
        XCTAssertEqual(stats["mail malicious labels"], "1")
        XCTAssertEqual(stats["mail benign labels"], "0")
    }
}
