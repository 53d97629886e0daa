import Foundation
import XCTest

/// `lantern ingest` on mail beside captures, and `lantern export mail`, through the binary.
final class MailEndToEndTests: XCTestCase {
    private var cases: URL { EndToEnd.sharedData.deletingLastPathComponent().appendingPathComponent("cases") }

    private func requireCases() throws {
        try EndToEnd.requireBinary()
        guard FileManager.default.fileExists(atPath: cases.path) else {
            throw XCTSkip("shared cases not found at \(cases.path); they live beside the repository in ../shared/cases")
        }
    }

    func testMailAndCaptureRecognisedByContent() throws {
        try requireCases()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try EndToEnd.lantern([
            "ingest", "--no-train", "--db", "\(directory)/t.db",
            cases.appendingPathComponent("pcap/P01-sll2-v4-v6.pcap").path,
            cases.appendingPathComponent("mail").path,
            cases.appendingPathComponent("tty/T03-bidi-and-invisible-controls.eml").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("mail: 15 messages stored, 0 already stored, 0 failed"), result.stderr)
        XCTAssertTrue(result.stderr.contains("P01-sll2-v4-v6.pcap: 3 packets"), result.stderr)
        XCTAssertTrue(result.stderr.contains("unusual Maildir info part ':2:2,RS'"), result.stderr)
        XCTAssertFalse(result.stderr.contains("skipped"), result.stderr)

        let again = try EndToEnd.lantern(["ingest", "--no-train", "--db", "\(directory)/t.db", cases.appendingPathComponent("mail").path])
        XCTAssertTrue(again.stderr.contains("mail: 0 messages stored, 14 already stored, 0 failed"), again.stderr)
    }

    /// One folder, named relative to the current folder, with a capture, mail and a file that
    /// is neither: the stored mail is not also called a skipped capture.
    func testMixedFolderSkipsOnlyUnknownFiles() throws {
        try requireCases()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = directory + "/mixed"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cases.appendingPathComponent("pcap/P01-sll2-v4-v6.pcap").path, toPath: folder + "/a.pcap")
        try FileManager.default.copyItem(atPath: cases.appendingPathComponent("tty/T03-bidi-and-invisible-controls.eml").path,
                                         toPath: folder + "/b.eml")
        try Data([0x00, 0x13, 0x37, 0x42, 0x99]).write(to: URL(fileURLWithPath: folder + "/junk.eml"))

        let result = try EndToEnd.lantern(["ingest", "--no-train", "--db", "t.db", "mixed"], directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("mail: 1 messages stored"), result.stderr)
        XCTAssertTrue(result.stderr.contains("a.pcap: 3 packets"), result.stderr)
        XCTAssertFalse(result.stderr.contains("b.eml: not"), "stored mail is not reported as skipped:\n\(result.stderr)")
        XCTAssertTrue(result.stderr.contains("junk.eml: neither a pcap or pcapng capture nor a mail message"), result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "skipped ").count - 1, 1, result.stderr)
    }

    /// With labels of one class only the model is inactive, and the line counts as queued
    /// only the messages without a label, which are what the Mail screen's queue contains.
    func testInactiveModelCountsQueuedWithoutLabels() throws {
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "mail", "--out", "mail", "--messages", "40", "--seed", "3"], directory: directory).status, 0)
        let result = try EndToEnd.lantern(["ingest", "--db", "s.db", "--reputation", "mail/reputation.txt", "mail/spam", "mail/malicious"],
                                          directory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("mail labelling: 13 malicious and 0 benign labels stored"), result.stderr)
        XCTAssertTrue(result.stderr.contains("so all 40 messages are unknown and the 27 without a label are queued for 'lantern tui'"),
                      result.stderr)
    }

    func testExportMailEscapesUntrustedText() throws {
        try requireCases()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ingest = try EndToEnd.lantern([
            "ingest", "--db", "\(directory)/t.db", cases.appendingPathComponent("tty/T01-escape-and-control-injection.mbox").path,
            cases.appendingPathComponent("tty/T03-bidi-and-invisible-controls.eml").path,
        ])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)

        for format in ["csv", "jsonl"] {
            let export = try EndToEnd.lantern(["export", "mail", "--db", "\(directory)/t.db", "--format", format])
            XCTAssertEqual(export.status, 0, export.stderr)
            XCTAssertFalse(export.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, format)
            XCTAssertTrue(export.stdout.contains("invoice_2023<U+202E>fdp.exe"), export.stdout)
            XCTAssertTrue(export.stdout.contains("Invoice ^[[2J^[[H^[[31mPAID^[[0m"), export.stdout)
            XCTAssertTrue(export.stdout.contains("Support^[]0;root@bank^G"), export.stdout)
        }
        let csv = try EndToEnd.lantern(["export", "mail", "--db", "\(directory)/t.db", "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.first, "id,date,sender_address,sender_name,subject,domains,attachment_types,attachment_names,verdict,confidence,unknown,label")
        XCTAssertEqual(lines.count, 1 + 8)
    }

    func testForcedMailKindReportsBrokenFiles() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/notes.txt"
        try "// Not an RFC-822 Document\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try EndToEnd.lantern(["ingest", "--kind", "mail", "--db", "\(directory)/t.db", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("skipped message \(path): not a parsable message: no header line (\"Name: value\") found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("mail: 0 messages stored, 0 already stored, 1 failed"), result.stderr)

        let wrongKind = try EndToEnd.lantern(["ingest", "--kind", "email", "--db", "\(directory)/t.db", path])
        XCTAssertEqual(wrongKind.status, 2, wrongKind.stderr)
        XCTAssertTrue(wrongKind.stderr.contains("--kind must be one of auto, capture, mail, not 'email'"), wrongKind.stderr)
    }
}
