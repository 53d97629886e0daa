import Foundation
import XCTest

/// The review screen driven for real in tmux: keys in, screen text out, store checked after.
final class ReviewUIEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "darknet", "--out", "s.pcap", "--packets", "40000", "--seed", "5"], directory: directory).status, 0)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "s.db", "s.pcap"], directory: directory).status, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func startUI() throws -> TmuxSession {
        try TmuxSession(command: "cd '\(directory)' && exec '\(EndToEnd.binary)' tui --db s.db --lang en", width: 100, height: 30)
    }

    private func modelVersion(_ text: String) -> Int? {
        guard let range = text.range(of: #"model v(\d+)"#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst("model v".count))
    }

    private func savedCount(_ text: String) -> Int {
        text.components(separatedBy: "saved:").count - 1
    }

    private func exportedLabels() throws -> [String] {
        try EndToEnd.lantern(["export", "labels", "--db", "s.db", "--format", "jsonl"], directory: directory).stdout
            .split(separator: "\n").map(String.init)
    }

    func testThreeLabelsSurviveQuitAndRaiseModelVersion() throws {
        let ui = try startUI()
        let first = try ui.waitFor("the queue") { modelVersion($0) != nil && $0.contains("queue") }
        let startVersion = try XCTUnwrap(modelVersion(first))
        var lastVersion = startVersion
        for key in ["b", "n", "b"] {
            try ui.send(key)
            let screen = try ui.waitFor("a saved line after '\(key)'") { text in
                text.contains("saved:") && (modelVersion(text) ?? 0) > lastVersion
            }
            lastVersion = modelVersion(screen) ?? lastVersion
        }
        XCTAssertEqual(lastVersion, startVersion + 3, "each label makes one new model version")
        try ui.send("q")
        ui.waitUntilEnded()

        let labels = try exportedLabels()
        XCTAssertEqual(labels.count, 3)
        XCTAssertEqual(labels.filter { $0.contains(#""label":"backscatter""#) }.count, 2)
        XCTAssertEqual(labels.filter { $0.contains(#""label":"not-backscatter""#) }.count, 1)
        let stats = try EndToEnd.stats(db: "\(directory)/s.db")
        XCTAssertGreaterThan(Int(stats["model version"] ?? "0") ?? 0, startVersion)
        XCTAssertEqual(stats["analyst backscatter labels"], "2")
        XCTAssertEqual(stats["analyst not-backscatter labels"], "1")

        // Reopening shows the newer model and its analyst labels on the status line.
        let reopened = try startUI()
        try reopened.waitFor("the reopened queue with the newest model") { (modelVersion($0) ?? 0) >= startVersion + 3 }
    }

    func testSigkillAfterKeypressKeepsSavedLabel() throws {
        let ui = try startUI()
        try ui.waitFor("the queue") { modelVersion($0) != nil && $0.contains("queue") }
        try ui.send("b")
        try ui.waitFor("the saved line") { $0.contains("saved:") }
        let panePID = try XCTUnwrap(try ui.panePID(), "tmux gave no pane pid")
        XCTAssertGreaterThan(panePID, 1, "kill(0, …) would signal this whole process group")
        XCTAssertEqual(kill(panePID, SIGKILL), 0, "SIGKILL sent to the UI process \(panePID)")
        Thread.sleep(forTimeInterval: 0.5)
        let labels = try exportedLabels()
        XCTAssertEqual(labels.count, 1, "the label the screen showed as saved is in the store")
        XCTAssertTrue(labels.first?.contains(#""label":"backscatter""#) ?? false)
    }

    /// Quitting after the pane was enlarged leaves nothing of the screen above the shell prompt
    /// (tmux showed the last screen's bottom lines there until the UI blanked it before ending).
    func testQuitAfterEnlargingLeavesShellClean() throws {
        let shell = try TmuxSession(command: "cd '\(directory)' && exec env PS1='shell> ' bash --norc --noprofile", width: 80, height: 24)
        // capture-pane drops trailing spaces, so the prompt reads "shell>".
        try shell.waitFor("the shell prompt") { $0.contains("shell>") }
        try shell.type("'\(EndToEnd.binary)' tui --db s.db --lang en")
        try shell.send("Enter")
        try shell.waitFor("the queue") { $0.contains("b backscatter") }
        try shell.resize(width: 100, height: 30)
        try shell.waitFor("the queue at 100 columns") { ($0.split(separator: "\n").first?.count ?? 0) > 90 }
        try shell.send("q")
        let after = try shell.waitFor("the prompt after quitting") { screen in
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == "shell>"
        }
        let lines = after.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(lines.count, 2, "only the command and the next prompt, no line of the UI:\n\(after)")
        XCTAssertTrue(lines.first?.hasSuffix("tui --db s.db --lang en") ?? false, after)
    }
}
