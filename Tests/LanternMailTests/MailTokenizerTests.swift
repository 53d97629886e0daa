import Foundation
import XCTest

@testable import LanternMail

final class MailTokenizerTests: XCTestCase {
    func testJapaneseSplitIntoContentWords() throws {
        let tokenizer = try MailTestSupport.requireParser().tokenizer
        let tokens = tokenizer.tokens("お客様のアカウントが一時的に制限されました")
        XCTAssertTrue(tokens.contains("アカウント"), "\(tokens)")
        XCTAssertTrue(tokens.contains("制限"), "\(tokens)")
        XCTAssertFalse(tokens.contains("が"), "particles are dropped: \(tokens)")
    }

    func testOtherScriptsCaseFoldedByWords() throws {
        let tokenizer = try MailTestSupport.requireParser().tokenizer
        XCTAssertEqual(tokenizer.tokens("Don't MISS ＦＲＥＥ offer: 3.5% Ελλάδα!"), ["don't", "miss", "free", "offer", "3.5", "ελλάδα"])
    }

    func testDomainAndAttachmentTokensPrefixed() throws {
        let tokenizer = try MailTestSupport.requireParser().tokenizer
        let counts = tokenizer.termCounts(text: "example", domains: ["example.net"], attachmentTypes: ["application/pdf", "application/pdf"])
        XCTAssertEqual(counts, ["example": 1, "domain:example.net": 1, "attachment:application/pdf": 2])
    }

    func testDictionaryFound() throws {
        _ = try MailTestSupport.requireParser()
        let tokenizer = try MorphologicalTokenizer()
        XCTAssertTrue(FileManager.default.fileExists(atPath: tokenizer.dictionary + "/sys.dic"))
    }

    func testMecabrcDicdirLine() throws {
        let path = NSTemporaryDirectory() + "lantern-mecabrc-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ";\n; Configuration file of MeCab\n;\ndicdir =  /var/lib/mecab/dic/debian \n; userdic = /home/foo/bar.dic\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(MorphologicalTokenizer.mecabrcDicdir(path: path), "/var/lib/mecab/dic/debian")
        XCTAssertNil(MorphologicalTokenizer.mecabrcDicdir(path: path + "-missing"))
    }
}
