import Foundation
import LanternMail
import XCTest

/// Every message in the Japanese spam folder decodes without mojibake: its subject equals the
/// committed fixture and its tokens include Japanese words.
final class JapaneseMailTests: XCTestCase {
    private struct Expected {
        var subject: String
        var source: String
    }

    private func expectedSubjects() throws -> [String: Expected] {
        let text = try String(contentsOf: MailTestSupport.fixtures.appendingPathComponent("ja-subjects.tsv"), encoding: .utf8)
        var expected: [String: Expected] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(fields.count, 3, "fixture line \(line)")
            guard fields.count == 3 else { continue }
            expected[fields[0]] = Expected(subject: fields[1], source: fields[2])
        }
        return expected
    }

    private func parsedMessages() throws -> [(name: String, message: MailMessage)] {
        let folder = try MailTestSupport.requireShared("data/mail/ja")
        let parser = try MailTestSupport.requireParser()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        XCTAssertEqual(names.count, 84)
        return try names.map { name in
            let results = try MailTestSupport.messages(at: folder.appendingPathComponent(name).path, parser: parser)
            XCTAssertEqual(results.count, 1, name)
            return (name, try XCTUnwrap(results.first).get())
        }
    }

    func testSubjectsMatchFixture() throws {
        let expected = try expectedSubjects()
        let messages = try parsedMessages()
        XCTAssertEqual(expected.count, messages.count)
        for (name, message) in messages {
            guard let entry = expected[name] else {
                XCTFail("\(name) has no fixture entry; run scripts/mail-fixtures/make_subjects.py")
                continue
            }
            XCTAssertEqual(message.subject, entry.subject, "\(name) (fixture from \(entry.source))")
        }
    }

    func testSubjectsHaveNoMojibake() throws {
        for (name, message) in try parsedMessages() {
            XCTAssertFalse(message.subject.contains("\u{FFFD}"), "\(name): \(message.subject)")
            XCTAssertFalse(message.subject.contains("\u{1B}"), "\(name): raw ISO-2022-JP escape left in the subject")
            XCTAssertFalse(message.subject.contains("=?") && message.subject.contains("?="), "\(name): encoded word left: \(message.subject)")
            // UTF-8 read as Latin-1 starts Japanese characters with "ã" or "ä"/"å"/"æ"/"ç"/"è"/"é" followed by C1 or Latin-1 symbols.
            XCTAssertNil(message.subject.range(of: "ã\u{81}|ã\u{82}|ã\u{83}|â€|ï¼", options: .regularExpression), "\(name): \(message.subject)")
        }
    }

    func testTokensIncludeJapaneseWords() throws {
        for (name, message) in try parsedMessages() {
            let japanese = message.termCounts.keys.filter { token in
                !token.hasPrefix(MailTokenizer.domainPrefix) && token.unicodeScalars.contains(where: { (0x3040...0x9FFF).contains($0.value) })
            }
            XCTAssertFalse(japanese.isEmpty, "\(name): no Japanese token among \(message.termCounts.keys.sorted().prefix(20))")
        }
    }
}
