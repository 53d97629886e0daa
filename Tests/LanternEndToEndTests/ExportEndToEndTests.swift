import Foundation
import XCTest

/// `lantern export` in JSON Lines through the binary: each field keeps its JSON type whatever its
/// text looks like, and every line parses as JSON.
final class ExportEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        directory = try EndToEnd.temporaryDirectory()
        let simulate = try EndToEnd.lantern(["simulate", "mail", "--out", "mail", "--messages", "40", "--seed", "3"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        // A sender name and a subject that look like numbers must stay JSON strings.
        let message = "From: 007 <agent@example.test>\r\nTo: trap@example.test\r\nSubject: 2024\r\n"
            + "Date: Mon, 05 Jan 2026 09:00:00 +0000\r\nMessage-ID: <numeric@example.test>\r\n\r\nSee https://example.test/a\r\n"
        try message.write(toFile: directory + "/mail/spam/numeric.eml", atomically: true, encoding: .utf8)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "e.db", "--reputation", "mail/reputation.txt", "mail/malicious", "mail/spam"],
                                          directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func export(_ kind: String) throws -> [String] {
        let result = try EndToEnd.lantern(["export", kind, "--db", "e.db", "--format", "jsonl"], directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    private func assertParses(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in lines {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)), text, file: file, line: line)
        }
    }

    private func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    func testMailFieldsKeepJSONTypes() throws {
        let lines = try export("mail")
        XCTAssertEqual(lines.count, 41)
        assertParses(lines)
        for line in lines {
            XCTAssertTrue(matches(line, #"^\{"id":[0-9]+,"date":"#), line)
            XCTAssertTrue(matches(line, #","unknown":(true|false|null),"#), "unknown is a JSON boolean: \(line)")
            XCTAssertTrue(matches(line, #","confidence":(null|-?[0-9]+\.[0-9]{4}),"#), "confidence is a JSON number: \(line)")
        }
        XCTAssertTrue(lines.contains { $0.contains(#","unknown":true,"#) || $0.contains(#","unknown":false,"#) },
                      "the mail models scored the messages:\n\(lines.joined(separator: "\n"))")
        let numeric = lines.first { $0.contains("agent@example.test") } ?? ""
        XCTAssertTrue(numeric.contains(#""sender_name":"007""#), numeric)
        XCTAssertTrue(numeric.contains(#""subject":"2024""#), numeric)
    }

    func testMailCSVUnchanged() throws {
        let result = try EndToEnd.lantern(["export", "mail", "--db", "e.db", "--format", "csv"], directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        let numeric = result.stdout.split(separator: "\n").first { $0.contains("agent@example.test") } ?? ""
        XCTAssertTrue(matches(String(numeric), #"^[0-9]+,2026-01-05T09:00:00\.000Z,agent@example\.test,007,2024,example\.test,,,(malicious|benign)?,([0-9]\.[0-9]{4})?,(true|false)?,spam$"#),
                      String(numeric))
    }

    /// Spam chooses its subject and sender name, so a CSV cell must never start a formula.
    func testCSVTextCannotStartFormula() throws {
        try FileManager.default.createDirectory(atPath: directory + "/formula", withIntermediateDirectories: true)
        let message = "From: \"=cmd|' /c calc'!A1\" <a@example.test>\r\nSubject: =HYPERLINK(\"http://203.0.113.9/x\",\"open\")\r\n"
            + "Date: Tue, 14 Nov 2023 10:00:00 +0000\r\nMessage-ID: <formula@example.test>\r\n\r\nx\r\n"
        try message.write(toFile: directory + "/formula/a.eml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "f.db", "formula"], directory: directory).status, 0)

        let csv = try EndToEnd.lantern(["export", "mail", "--db", "f.db", "--format", "csv"], directory: directory)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let row = csv.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(row.contains(",a@example.test,'=cmd|' /c calc'!A1,"), row)
        XCTAssertTrue(row.contains(#","'=HYPERLINK(""http://203.0.113.9/x"",""open"")","#), row)

        let json = try EndToEnd.lantern(["export", "mail", "--db", "f.db", "--format", "jsonl"], directory: directory)
        XCTAssertTrue(json.stdout.contains(#""sender_name":"=cmd|' /c calc'!A1""#), json.stdout)
        XCTAssertTrue(json.stdout.contains(#""subject":"=HYPERLINK(\"http://203.0.113.9/x\",\"open\")""#), json.stdout)
    }

    func testLabelFieldsKeepJSONTypes() throws {
        let lines = try export("labels")
        XCTAssertGreaterThan(lines.count, 0, "the reputation list labels some messages")
        assertParses(lines)
        for line in lines {
            XCTAssertTrue(matches(line, #"^\{"kind":"mail","id":[0-9]+,"src":null,"window_start":null,"mail_id":[0-9]+,"#), line)
            XCTAssertTrue(matches(line, #","shown_unknown":(true|false|null),"model_version":[0-9]+,"#), line)
            XCTAssertFalse(matches(line, #":"(true|false)""#), "no flag written as a string: \(line)")
        }
    }

    func testAlertFieldsKeepJSONTypes() throws {
        let simulate = try EndToEnd.lantern(["simulate", "darknet", "--out", "s.pcap", "--packets", "40000", "--seed", "5"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "e.db", "s.pcap"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let lines = try export("alerts")
        XCTAssertGreaterThan(lines.count, 0)
        assertParses(lines)
        let pattern = #"^\{"victim":"[0-9a-f.:]+","transport":"[a-z0-9]+","service_port":[0-9]+,"first_seen":"[^"]+","last_seen":"[^"]+","#
            + #""packets":[0-9]+,"windows":[0-9]+,"score":-?[0-9.e+-]+,"attack_rate_pps":[0-9.e+-]+,"model_version":[0-9]+\}$"#
        for line in lines {
            XCTAssertTrue(matches(line, pattern), line)
        }
    }
}
