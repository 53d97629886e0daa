import Foundation
import LanternMail
import XCTest

final class SpamTrapSimulatorTests: XCTestCase {
    private func simulate(seed: UInt64, messages: Int = 120) throws -> (directory: String, summary: SpamTrapSimulator.Summary) {
        var configuration = SpamTrapSimulator.Configuration()
        configuration.messages = messages
        configuration.days = 30
        configuration.seed = seed
        let directory = NSTemporaryDirectory() + "lantern-spamtrap-\(UUID().uuidString)"
        let summary = try SpamTrapSimulator(configuration: configuration).write(to: directory)
        return (directory, summary)
    }

    private func files(_ directory: String, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder).sorted().map { directory + "/" + folder + "/" + $0 }
    }

    func testEveryMessageParsesWithItsParts() throws {
        let parser = try MailTestSupport.requireParser()
        let (directory, summary) = try simulate(seed: 7)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(summary.malicious + summary.spam, 120)
        XCTAssertGreaterThan(summary.malicious, summary.spam, "malicious mail dominates, as in real traps")
        XCTAssertGreaterThan(summary.spam, 5)

        var japaneseSubjects = 0, attachments = 0, htmlOnly = 0, dates: [Date] = []
        for path in try files(directory, "malicious") + files(directory, "spam") {
            let message = try parser.parse(MailTestSupport.bytes(URL(fileURLWithPath: path)))
            XCTAssertFalse(message.subject.isEmpty, path)
            XCTAssertFalse(message.subject.contains("=?"), "encoded word left in \(message.subject)")
            XCTAssertNotNil(message.sender, path)
            XCTAssertTrue(message.domains.allSatisfy { $0.hasSuffix(".test") }, "\(message.domains)")
            if message.subject.unicodeScalars.contains(where: { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }) {
                japaneseSubjects += 1
            }
            attachments += message.attachments.count
            if message.text.contains("Verify your account now") { htmlOnly += 1 }
            dates += message.date.map { [$0] } ?? []
        }
        XCTAssertGreaterThan(japaneseSubjects, 10)
        XCTAssertGreaterThan(attachments, 5)
        XCTAssertGreaterThan(htmlOnly, 3, "HTML-only phishing turned into text with its link")
        XCTAssertEqual(dates.count, 120)
        XCTAssertLessThan(dates.max()!.timeIntervalSince(dates.min()!), 30 * 86_400 + 1)
    }

    func testJapaneseAttachmentNameDecoded() throws {
        let parser = try MailTestSupport.requireParser()
        let (directory, _) = try simulate(seed: 11, messages: 200)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let names = try files(directory, "malicious").flatMap { path in
            try parser.parse(MailTestSupport.bytes(URL(fileURLWithPath: path))).attachments.compactMap(\.name)
        }
        XCTAssertTrue(names.contains { $0.hasPrefix("請求書_") && $0.hasSuffix(".xlsm") }, "\(Set(names))")
        XCTAssertTrue(names.contains { $0.hasPrefix("Invoice_") && $0.hasSuffix(".zip") }, "\(Set(names))")
    }

    func testSameSeedWritesSameBytes() throws {
        let first = try simulate(seed: 3, messages: 40)
        let second = try simulate(seed: 3, messages: 40)
        let other = try simulate(seed: 4, messages: 40)
        defer { for run in [first, second, other] { try? FileManager.default.removeItem(atPath: run.directory) } }
        let read = { (directory: String) throws -> [Data] in
            try (self.files(directory, "malicious") + self.files(directory, "spam")).map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        }
        XCTAssertEqual(try read(first.directory), try read(second.directory))
        XCTAssertNotEqual(try read(first.directory), try read(other.directory))
    }

    func testReputationListKnowsPartOfMaliciousDomains() throws {
        let (directory, summary) = try simulate(seed: 5, messages: 10)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = try String(contentsOfFile: directory + "/reputation.txt", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines.count, summary.listedDomains)
        XCTAssertGreaterThan(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix(".test") })
        XCTAssertFalse(lines.contains("brighthome-shop.test"), "a harmless shop is never listed")
    }
}
