import Foundation
import XCTest

/// The Subnets screen driven for real in tmux: a planted 5000/TCP campaign is simulated,
/// ingested and clustered; the analyst opens "Subnets", jumps to a flagged planted subnet with
/// `/`, opens the flagged cell and reads the signature's name.
final class SubnetUIEndToEndTests: XCTestCase {
    private var directory = ""
    private var session = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
        session = "lantern-subnets-\(UUID().uuidString.prefix(8))"
    }

    override func tearDownWithError() throws {
        _ = try? EndToEnd.run("/usr/bin/tmux", ["kill-session", "-t", session])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func tmux(_ arguments: [String]) throws {
        XCTAssertEqual(try EndToEnd.run("/usr/bin/tmux", arguments).status, 0, "tmux \(arguments)")
    }

    private func waitFor(_ what: String, seconds: Double = 30, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try EndToEnd.run("/usr/bin/tmux", ["capture-pane", "-p", "-t", session]).stdout
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)")
        return last
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
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "34", command])
        _ = try waitFor("the review screen") { $0.contains("2 Subnets") }
        try tmux(["send-keys", "-t", session, "2"])
        _ = try waitFor("the Subnets screen") { $0.contains("Flags, newest first") }
        // A host address inside the subnet, so the jump goes through CIDR containment.
        let address = target.replacingOccurrences(of: ".0.0/16", with: ".7.9")
        try tmux(["send-keys", "-t", session, "/"])
        try tmux(["send-keys", "-t", session, "-l", address])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("the cursor on \(target)") { $0.contains(target) && !$0.contains("Go to address") }
        try tmux(["send-keys", "-t", session, "Enter"])
        let detail = try waitFor("the cell detail with the signature") { $0.contains("\(target) on ") && $0.contains("nas-5000-scan") }
        XCTAssertTrue(detail.contains("NAS admin scan on 5000/TCP"), detail)
        XCTAssertTrue(detail.contains("Flagged:"), detail)
        try tmux(["send-keys", "-t", session, "q"])
    }
}
