import Foundation
import LanternMail
import XCTest

/// Locating the shared mail data beside the repository, and one parser for all tests.
enum MailTestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Returns a folder under ../shared, or skips the test when the shared data is absent.
    static func requireShared(_ folder: String) throws -> URL {
        let url = shared.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared mail data not found at \(url.path); it lives beside the repository in ../shared")
        }
        return url
    }

    /// One parser with MeCab, built once: loading IPADIC takes a noticeable fraction of a second.
    static let parser: MailParser? = {
        guard let morphological = try? MorphologicalTokenizer() else { return nil }
        return MailParser(tokenizer: MailTokenizer(morphological: morphological))
    }()

    static func requireParser() throws -> MailParser {
        guard let parser else {
            throw XCTSkip("MeCab with IPADIC is not installed; run scripts/install-deps (it installs mecab-ipadic-utf8)")
        }
        return parser
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Parses every message in a file and returns each result or failure.
    static func messages(at path: String, parser: MailParser) throws -> [Result<MailMessage, MailError>] {
        let source = try MailSource(paths: [path], force: true)
        var results: [Result<MailMessage, MailError>] = []
        for file in source.files {
            MailReader.forEachMessage(in: file, limits: parser.limits) { _, bytes in
                results.append(bytes.flatMap { bytes in Result { () throws(MailError) -> MailMessage in try parser.parse(bytes) } })
            }
        }
        return results
    }
}
