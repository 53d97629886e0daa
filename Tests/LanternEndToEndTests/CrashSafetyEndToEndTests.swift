import Foundation
import XCTest

/// SIGKILL at random points during ingest and during labelling: the store must always open,
/// keep every label the screen showed as saved, and finish a re-run ingest without duplicates.
final class CrashSafetyEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        directory = try EndToEnd.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func simulate(packets: Int) throws {
        let result = try EndToEnd.lantern(["simulate", "darknet", "--out", "k.pcap", "--packets", String(packets), "--seed", "9"], directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testKilledIngestsRecoverWithoutDuplicates() throws {
        try simulate(packets: 400_000)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--no-train", "--db", "clean.db", "k.pcap"], directory: directory).status, 0)
        let clean = try EndToEnd.stats(db: "\(directory)/clean.db")

        var generator = SystemRandomNumberGenerator()
        for round in 0..<25 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: EndToEnd.binary)
            process.arguments = ["ingest", "--db", "killed.db", "k.pcap"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...2.5, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stats = try EndToEnd.lantern(["stats", "--db", "killed.db"], directory: directory)
            XCTAssertEqual(stats.status, 0, "round \(round): the store opens after SIGKILL: \(stats.stderr)")
        }
        let finished = try EndToEnd.lantern(["ingest", "--no-train", "--db", "killed.db", "k.pcap"], directory: directory)
        XCTAssertEqual(finished.status, 0, finished.stderr)
        let after = try EndToEnd.stats(db: "\(directory)/killed.db")
        XCTAssertEqual(after["windows"], clean["windows"], "no window is stored twice")
        XCTAssertEqual(after["packets"], clean["packets"])
        XCTAssertEqual(after["captures"], "1")
    }

    func testKilledLabellingKeepsEverySavedLabel() throws {
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        try simulate(packets: 30_000)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "k.db", "k.pcap"], directory: directory).status, 0)
        var saved = 0
        for round in 0..<25 {
            let command = "cd '\(directory)' && exec '\(EndToEnd.binary)' tui --db k.db --lang en"
            let ui = try TmuxSession(command: command, width: 100, height: 30)
            guard ui.shows("queue", within: 20) else {
                XCTFail("round \(round): the review screen did not open")
                continue
            }
            try ui.send(round % 2 == 0 ? "b" : "n")
            let shownSaved = ui.shows("saved:", within: Double(round % 3) * 0.15 + 0.05)
            // kill(0, …) would signal this whole process group, so an unreadable pid fails the round.
            guard let panePID = try ui.panePID(), panePID > 1 else {
                XCTFail("round \(round): tmux gave no usable pane pid")
                continue
            }
            kill(panePID, SIGKILL)
            if shownSaved { saved += 1 }
            let labels = try EndToEnd.lantern(["export", "labels", "--db", "k.db"], directory: directory)
            XCTAssertEqual(labels.status, 0, "round \(round): the store opens after SIGKILL")
            let stored = labels.stdout.split(separator: "\n").count
            XCTAssertGreaterThanOrEqual(stored, saved, "round \(round): every label shown as saved is stored")
        }
        XCTAssertGreaterThan(saved, 5, "enough rounds reached the saved line to mean something")
    }
}
