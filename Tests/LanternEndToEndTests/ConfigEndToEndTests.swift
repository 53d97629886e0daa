import Foundation
import XCTest

/// A config file that rebinds a key, read by the real binary in tmux: help lists the new key,
/// the old key does nothing, and the new key stores the label.
final class ConfigEndToEndTests: XCTestCase {
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

    func testReboundKeyListedInHelpAndLabels() throws {
        let configDirectory = directory + "/config/lantern"
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        let config = "# test config\nkey review.label-backscatter = x\nkey reviw.skip = s\n"
        try config.write(toFile: configDirectory + "/config", atomically: true, encoding: .utf8)

        // Not exec: the shell stays a moment after the UI quits, so the replayed log can be read.
        let command = "cd '\(directory)' && env XDG_CONFIG_HOME='\(directory)/config' '\(EndToEnd.binary)' tui --db s.db --lang en; sleep 4"
        let session = try TmuxSession(command: command, width: 120, height: 30)
        // The key bar and the message line are drawn together, so waiting for both is enough;
        // the status line's queue count may be covered by the screen tabs at this width.
        let first = try session.waitFor("the key bar and the config notice") { $0.contains("x backscatter") && $0.contains("config:3:") }
        XCTAssertTrue(first.contains("unknown screen 'reviw'"), first)
        XCTAssertFalse(first.contains("b backscatter"), "the key bar shows the new key only:\n\(first)")

        try session.send("?")
        let help = try session.waitFor("the help overlay") { $0.contains("Label the window backscatter") }
        let helpLine = help.split(separator: "\n").first { $0.contains("Label the window backscatter") } ?? ""
        XCTAssertEqual(helpLine.trimmingCharacters(in: .whitespaces).first, "x", "help lists the binding in force:\n\(help)")

        try session.send("Escape")
        try session.waitFor("the queue after closing help") { !$0.contains("Label the window backscatter") }
        try session.send("b", "x")
        try session.waitFor("a saved line after x") { $0.contains("saved:") && $0.contains("→ backscatter") }
        try session.send("q")
        let after = try session.waitFor("the config problem printed in full after quitting") {
            // The pane wraps long lines; joined again, the message must be whole.
            $0.replacingOccurrences(of: "\n", with: "").contains("config:3: unknown screen 'reviw'; the line is skipped. Screens: review, subnets, mail.")
        }
        XCTAssertFalse(after.contains("x backscatter"), "the screen is closed:\n\(after)")
        session.waitUntilEnded()

        let labels = try EndToEnd.lantern(["export", "labels", "--db", "s.db", "--format", "jsonl"], directory: directory).stdout
            .split(separator: "\n")
        XCTAssertEqual(labels.count, 1, "only x labelled; b is no longer bound")
        XCTAssertTrue(labels.first?.contains(#""label":"backscatter""#) ?? false, "\(labels)")
    }

    func testReboundMailKeysInHintAndSpaceLabels() throws {
        let simulate = try EndToEnd.lantern(["simulate", "mail", "--out", "mail", "--messages", "20", "--seed", "4"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "s.db", "mail/spam"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let configDirectory = directory + "/config/lantern"
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        try "key mail.label-malicious = x\nkey mail.label-benign = space\n".write(toFile: configDirectory + "/config", atomically: true, encoding: .utf8)

        for (language, hint, bar) in [
            ("en", "No mail model yet: label one message malicious (x), one not malicious (Space).", "Space not malicious"),
            // The English run stores one not-malicious label, so only a malicious one is missing here.
            ("ja", "メールモデルは停止中です。悪性(x)を 1 件判定すると学習します。", "Space 非悪性"),
        ] {
            let command = "cd '\(directory)' && exec env XDG_CONFIG_HOME='\(directory)/config' LANG=C.UTF-8 "
                + "'\(EndToEnd.binary)' tui --db s.db --lang \(language)"
            let session = try TmuxSession(command: command, width: 80, height: 24)
            try session.waitFor("the review screen") { $0.contains("3 ") }
            try session.send("3")
            let screen = try session.waitFor("the Mail screen with its hint") { $0.contains(hint) }
            XCTAssertTrue(screen.contains("x " + (language == "en" ? "malicious" : "悪性")), screen)
            XCTAssertTrue(screen.contains(bar), "the space key has a name in the key bar:\n\(screen)")
            if language == "en" {
                try session.send("Space")
                try session.waitFor("a saved line after Space") { $0.contains("saved: message") && $0.contains("→ not malicious") }
            }
            try session.send("q")
            session.waitUntilEnded()
        }
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/s.db")["mail benign labels"], "1", "Space stored one label")
    }
}
