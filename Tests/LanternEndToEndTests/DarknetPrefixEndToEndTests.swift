import Foundation
import XCTest

/// `--darknet-prefix`: the darknet's size scales alert rates, is kept in the store, and a
/// different size for the same store is rejected.
final class DarknetPrefixEndToEndTests: XCTestCase {
    private func firstAlertRate(_ path: String) throws -> Double {
        let line = try XCTUnwrap(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return try XCTUnwrap(object["attack_rate_pps"] as? Double)
    }

    func testPrefixScalesAlertRatesAndIsKept() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let simulate = try EndToEnd.lantern(
            ["simulate", "darknet", "--out", "s.pcap", "--packets", "30000", "--darknet", "198.18.0.0/20"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)

        let small = try EndToEnd.lantern(["ingest", "--db", "small.db", "--darknet-prefix", "20", "s.pcap"], directory: directory)
        XCTAssertEqual(small.status, 0, small.stderr)
        let assumed = try EndToEnd.lantern(["ingest", "--db", "assumed.db", "s.pcap"], directory: directory)
        XCTAssertEqual(assumed.status, 0, assumed.stderr)
        // A /20 is a sixteenth of a /16, so the same packets mean sixteen times fewer per second
        // at the victim.
        let ratio = try firstAlertRate(directory + "/assumed.alerts.jsonl") / firstAlertRate(directory + "/small.alerts.jsonl")
        XCTAssertEqual(ratio, 16, accuracy: 0.01)

        let mismatch = try EndToEnd.lantern(["ingest", "--db", "small.db", "--darknet-prefix", "16", "s.pcap"], directory: directory)
        XCTAssertEqual(mismatch.status, 2)
        XCTAssertTrue(mismatch.stderr.contains("prefix lengths 20/48 (IPv4/IPv6), not 16/48; use --darknet-prefix 20/48"), mismatch.stderr)

        let retrain = try EndToEnd.lantern(["train", "--db", "small.db"], directory: directory)
        XCTAssertEqual(retrain.status, 0, retrain.stderr)
        XCTAssertEqual(try firstAlertRate(directory + "/small.alerts.jsonl") * 16,
                       try firstAlertRate(directory + "/assumed.alerts.jsonl"), accuracy: 2, "train keeps the stored size (rates are rounded to 0.1)")
    }

    func testMalformedPrefixRejected() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for value in ["33", "16/200", "x", "16/"] {
            let result = try EndToEnd.lantern(["ingest", "--db", directory + "/unused.db", "--darknet-prefix", value, "/dev/null"])
            XCTAssertEqual(result.status, 2, value)
            XCTAssertTrue(result.stderr.contains("--darknet-prefix takes the IPv4 length (8 to 30)"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/unused.db"), "rejected before anything was stored")
        }
    }
}
