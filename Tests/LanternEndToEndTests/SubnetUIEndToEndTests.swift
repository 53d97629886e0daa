import Foundation
import XCTest

/// The Subnets screen driven for real in tmux: a planted 5000/TCP campaign is simulated,
/// ingested and clustered; the analyst opens "Subnets", jumps to a flagged planted subnet with
/// `/`, opens the flagged cell and reads the signature's name.
final class SubnetUIEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testJumpToFlaggedSubnetShowsSignatureName() throws {
        let simulate = try EndToEnd.lantern(
            ["simulate", "darknet", "--out", "s.pcap", "--packets", "400000", "--days", "28", "--plant", "5000/tcp:7:5"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "s.db", "--no-train", "s.pcap"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let cluster = try EndToEnd.lantern(["cluster", "--db", "s.db"], directory: directory)
        XCTAssertEqual(cluster.status, 0, cluster.stderr)

        let truth = try String(contentsOfFile: directory + "/s.truth.jsonl", encoding: .utf8)
        let planted = Set(truth.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["kind"] as? String == "planted-scan" else { return nil }
            return object["subnet"] as? String
        })
        XCTAssertEqual(planted.count, 5)
        let flags = try EndToEnd.lantern(["export", "flags", "--db", "s.db"], directory: directory).stdout
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        var newest: [String: [String: Any]] = [:]
        for flag in flags {
            if let subnet = flag["subnet"] as? String, newest[subnet] == nil { newest[subnet] = flag }
        }
        let target = try XCTUnwrap(planted.sorted().first { subnet in
            (newest[subnet]?["to_description"] as? String)?.contains("nas-5000-scan") == true
        }, "no planted subnet flagged into the 5000/TCP prototype; flags: \(newest.filter { planted.contains($0.key) })")

        let command = "cd '\(directory)' && exec '\(EndToEnd.binary)' tui --db s.db --lang en"
        let ui = try TmuxSession(command: command, width: 120, height: 34)
        try ui.waitFor("the review screen", seconds: 30) { $0.contains("2 Subnets") }
        try ui.send("2")
        try ui.waitFor("the Subnets screen", seconds: 30) { $0.contains("Flags, newest first") }
        // A host address inside the subnet, so the jump goes through CIDR containment.
        let address = target.replacingOccurrences(of: ".0.0/16", with: ".7.9")
        try ui.send("/")
        try ui.type(address)
        try ui.send("Enter")
        try ui.waitFor("the cursor on \(target)", seconds: 30) { $0.contains(target) && !$0.contains("Go to address") }
        try ui.send("Enter")
        // Waits for the whole panel: a capture taken while the terminal redraws can show part of it.
        let detail = try ui.waitFor("the cell detail with the signature", seconds: 30) {
            $0.contains("\(target) on ") && $0.contains("nas-5000-scan") && $0.contains("NAS admin scan on 5000/TCP")
                && $0.contains("Flagged:")
        }
        XCTAssertTrue(detail.contains("NAS admin scan on 5000/TCP"), detail)
        XCTAssertTrue(detail.contains("Flagged:"), detail)
        try ui.send("q")
    }
}
