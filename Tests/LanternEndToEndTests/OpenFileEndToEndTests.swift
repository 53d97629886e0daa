import Foundation
import XCTest

/// `lantern tui FILE` in tmux: mail opens on the Mail screen, and the temporary store is removed
/// when the session ends, by `q` or by SIGTERM, unless a label was stored in it.
final class OpenFileEndToEndTests: XCTestCase {
    private var directory = ""
    /// TMPDIR of the sessions, so the test finds exactly the folders they create.
    private var temporary = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
        temporary = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let simulate = try EndToEnd.lantern(["simulate", "mail", "--out", "mail", "--messages", "30", "--seed", "2"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func temporaryFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("lantern-open-") }
    }

    /// Starts `lantern tui FILE` in tmux; with `exec`, the pane's process is lantern itself.
    private func open(_ file: String, keepShell: Bool = false, locale: String = "C.UTF-8") throws -> TmuxSession {
        let run = "env TMPDIR='\(temporary)' LANG=\(locale) LC_ALL= LC_MESSAGES= '\(EndToEnd.binary)' tui \(file)"
        let command = "cd '\(directory)' && " + (keepShell ? run + "; echo status=$?; sleep 5" : "exec " + run)
        return try TmuxSession(command: command, width: 80, height: 24)
    }

    func testMailFolderOpensMailScreen() throws {
        let session = try open("mail/spam")
        let screen = try session.waitFor("the Mail screen") { $0.contains("mail model v") && $0.contains("subject") }
        XCTAssertTrue(screen.contains("From:"), screen)
        XCTAssertEqual(try temporaryFolders().count, 1, "the store lives in TMPDIR while the session runs")
        try session.send("q")
        session.waitUntilEnded()
        XCTAssertEqual(try temporaryFolders(), [], "the temporary store is removed on quit")
    }

    func testCaptureOpensReviewScreen() throws {
        let simulate = try EndToEnd.lantern(["simulate", "darknet", "--out", "s.pcap", "--packets", "20000", "--seed", "5"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let session = try open("s.pcap")
        let screen = try session.waitFor("the Review screen") { $0.contains("b backscatter") }
        XCTAssertFalse(screen.contains("mail model v"), screen)
        try session.send("q")
        session.waitUntilEnded()
        XCTAssertEqual(try temporaryFolders(), [])
    }

    func testTerminatedSessionRemovesStore() throws {
        let session = try open("mail/spam")
        try session.waitFor("the Mail screen") { $0.contains("mail model v") }
        let panes = try EndToEnd.run("/usr/bin/tmux", ["list-panes", "-t", session.name, "-F", "#{pane_pid}"], timeout: 10)
        guard let pid = pid_t(panes.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return XCTFail("no pane process: \(panes.stdout) \(panes.stderr)")
        }
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        session.waitUntilEnded()
        XCTAssertEqual(try temporaryFolders(), [], "the temporary store is removed on SIGTERM")
    }

    func testLabelledStoreKeptAndNamed() throws {
        for (locale, note) in [("C.UTF-8", "open it again with 'lantern tui --db "), ("ja_JP.UTF-8", "で開き直せます")] {
            let session = try open("mail/spam", keepShell: true, locale: locale)
            try session.waitFor("the Mail screen") { $0.contains("3 ") && $0.contains("v1") }
            try session.send("m")
            try session.waitFor("the saved line") { $0.contains("→") }
            try session.send("q")
            let after = try session.waitFor("the exit status") { $0.contains("status=0") }
            session.waitUntilEnded()
            let folders = try temporaryFolders()
            XCTAssertEqual(folders.count, 1, "a store with a label is kept")
            let database = temporary + "/" + (folders.first ?? "?") + "/open.db"
            let joined = after.replacingOccurrences(of: "\n", with: "")
            XCTAssertTrue(joined.contains(database), "\(locale): \(after)")
            XCTAssertTrue(joined.contains(note), "\(locale): \(after)")
            XCTAssertEqual(try EndToEnd.stats(db: database)["mail malicious labels"], "1")
            try FileManager.default.removeItem(atPath: temporary + "/" + (folders.first ?? "?"))
        }
    }

    func testMissingFileOpensNothing() throws {
        let result = try EndToEnd.run(EndToEnd.binary, ["tui", "missing.pcap"], directory: directory, environment: ["TMPDIR": temporary])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertFalse(result.stderr.contains("needs a terminal"), "no screen is opened on an empty store: \(result.stderr)")
        XCTAssertEqual(try temporaryFolders(), [])
    }
}
