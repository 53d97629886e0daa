import Foundation
import XCTest

@testable import LanternDarknet

/// Reading and writing ground-truth JSON Lines.
final class TruthFileTests: XCTestCase {
    private let record = TruthRecord(
        src: "203.0.113.80", role: .backscatter, kind: "synack-flood-443", subnet: "203.0.0.0/16",
        first: Date(timeIntervalSince1970: 1_767_571_201.25), last: Date(timeIntervalSince1970: 1_767_571_500.5), packets: 42)

    func testTimeFormatIsRFC3339WithMilliseconds() {
        XCTAssertEqual(TruthRecord.formatTime(Date(timeIntervalSince1970: 1_767_571_201.25)), "2026-01-05T00:00:01.250Z")
        XCTAssertEqual(TruthRecord.formatTime(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(TruthRecord.formatTime(Date(timeIntervalSince1970: 951_782_400.999)), "2000-02-29T00:00:00.999Z")
        XCTAssertEqual(TruthRecord.formatTime(Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59.000Z")
    }

    func testWriteThenReadRoundTrips() throws {
        let path = SimulationTestCapture.temporaryPath("round-trip.truth.jsonl")
        let writer = try TruthWriter(path: path)
        var second = record
        second.src = "2001:db8:1::80"
        second.subnet = "2001:db8::/32"
        second.role = .noise
        try writer.write(record)
        try writer.write(second)
        try writer.close()

        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").first.map(String.init),
                       #"{"first":"2026-01-05T00:00:01.250Z","kind":"synack-flood-443","last":"2026-01-05T00:05:00.500Z","packets":42,"role":"backscatter","src":"203.0.113.80","subnet":"203.0.0.0/16"}"#)
        XCTAssertEqual(try TruthFile.read(path: path), [record, second])
    }

    func testReaderAcceptsForeignForms() throws {
        let lines = """
            {"src":"203.0.113.80","role":"backscatter","kind":"synack-flood-443","subnet":"203.0.0.0/16","first":1767571201.25,"last":1767571500.5,"packets":42,"note":"extra keys are ignored"}

            {"packets":42,"last":"2026-01-05T09:05:00.5+09:00","first":"2026-01-05T00:00:01.25Z","subnet":"203.0.0.0/16","kind":"synack-flood-443","role":"backscatter","src":"203.0.113.80"}
            {"src":"192.0.2.1","role":"darknet-probe","kind":"custom","subnet":"192.0.0.0/16","first":"2026-01-05T00:00:00Z","last":"2026-01-05T00:00:00Z","packets":1}
            """
        let records = try TruthFile.parse(Data(lines.utf8))
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(records[0], record)
        XCTAssertEqual(records[1], record)
        XCTAssertEqual(records[2].role.rawValue, "darknet-probe")
    }

    func testReaderNamesTheBadLine() {
        let cases: [(String, String)] = [
            ("not json", "truth.jsonl:2: invalid ground-truth record: not a JSON object"),
            (#"{"src":"192.0.2.1","role":"noise","kind":"x","subnet":"192.0.0.0/16","first":1,"last":2}"#,
             #"truth.jsonl:2: invalid ground-truth record: missing key "packets"; expected src, role, kind, subnet, first, last, packets"#),
            (#"{"src":"192.0.2.1","role":"noise","kind":"x","subnet":"192.0.0.0/16","first":"yesterday","last":2,"packets":1}"#,
             #"truth.jsonl:2: invalid ground-truth record: "first": first "yesterday" is not an RFC 3339 time such as 2026-01-05T00:00:01.250Z"#),
            (#"{"src":"192.0.2.1","role":"noise","kind":"x","subnet":"192.0.0.0/16","first":1,"last":2,"packets":"many"}"#,
             #"truth.jsonl:2: invalid ground-truth record: "packets" is not an integer"#),
        ]
        let good = #"{"src":"192.0.2.9","role":"noise","kind":"x","subnet":"192.0.0.0/16","first":1,"last":2,"packets":1}"#
        for (bad, message) in cases {
            XCTAssertThrowsError(try TruthFile.parse(Data((good + "\n" + bad + "\n").utf8), path: "truth.jsonl")) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testReadMissingFileNamesPath() {
        XCTAssertThrowsError(try TruthFile.read(path: "/nonexistent/truth.jsonl")) { error in
            XCTAssertEqual("\(error)", "cannot open /nonexistent/truth.jsonl: No such file or directory (errno 2); check the path and its permissions")
        }
    }
}
