import Foundation
import XCTest

/// The review screen driven for real in tmux: keys in, screen text out, store checked after.
final class ReviewUIEndToEndTests: XCTestCase {
    private var directory = ""
    private var session = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
        session = "lantern-e2e-\(UUID().uuidString.prefix(8))"
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "darknet", "--out", "s.pcap", "--packets", "40000", "--seed", "5"], directory: directory).status, 0)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "s.db", "s.pcap"], directory: directory).status, 0)
    }

    override func tearDownWithError() throws {
        _ = try? tmux(["kill-session", "-t", session])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try EndToEnd.run("/usr/bin/tmux", arguments).stdout
    }

    private func startUI() throws {
        let command = "cd '\(directory)' && exec '\(EndToEnd.binary)' tui --db s.db --lang en"
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])
    }

    private func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Polls the screen until `predicate` holds; fails with the last screen after `seconds`.
    @discardableResult
    private func waitFor(_ what: String, seconds: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)")
        return last
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
        try startUI()
        let first = try waitFor("the queue") { modelVersion($0) != nil && $0.contains("queue") }
        let startVersion = try XCTUnwrap(modelVersion(first))
        var lastVersion = startVersion
        for key in ["b", "n", "b"] {
            try tmux(["send-keys", "-t", session, key])
            let shown = try waitFor("a saved line after '\(key)'") { text in
                text.contains("saved:") && (modelVersion(text) ?? 0) > lastVersion
            }
            lastVersion = modelVersion(shown) ?? lastVersion
        }
        XCTAssertEqual(lastVersion, startVersion + 3, "each label makes one new model version")
        try tmux(["send-keys", "-t", session, "q"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, EndToEnd.run2("/usr/bin/tmux", ["has-session", "-t", session]) == 0 {
            Thread.sleep(forTimeInterval: 0.2)
        }

        let labels = try exportedLabels()
        XCTAssertEqual(labels.count, 3)
        XCTAssertEqual(labels.filter { $0.contains(#""label":"backscatter""#) }.count, 2)
        XCTAssertEqual(labels.filter { $0.contains(#""label":"not-backscatter""#) }.count, 1)
        let stats = try EndToEnd.stats(db: "\(directory)/s.db")
        XCTAssertGreaterThan(Int(stats["model version"] ?? "0") ?? 0, startVersion)
        XCTAssertEqual(stats["analyst backscatter labels"], "2")
        XCTAssertEqual(stats["analyst not-backscatter labels"], "1")

        // Reopening shows the newer model and its analyst labels on the status line.
        try startUI()
        try waitFor("the reopened queue with the newest model") { (modelVersion($0) ?? 0) >= startVersion + 3 }
    }

    func testSigkillAfterKeypressKeepsSavedLabel() throws {
        try startUI()
        try waitFor("the queue") { modelVersion($0) != nil && $0.contains("queue") }
        try tmux(["send-keys", "-t", session, "b"])
        try waitFor("the saved line") { $0.contains("saved:") }
        let pid = try tmux(["list-panes", "-t", session, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let panePID = try XCTUnwrap(pid_t(pid), "pane pid '\(pid)'")
        XCTAssertGreaterThan(panePID, 1, "kill(0, …) would signal this whole process group")
        XCTAssertEqual(kill(panePID, SIGKILL), 0, "SIGKILL sent to the UI process \(pid)")
        Thread.sleep(forTimeInterval: 0.5)
        let labels = try exportedLabels()
        XCTAssertEqual(labels.count, 1, "the label the screen showed as saved is in the store")
        XCTAssertTrue(labels.first?.contains(#""label":"backscatter""#) ?? false)
    }
}
