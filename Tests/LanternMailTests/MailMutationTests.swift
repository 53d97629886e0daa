import Foundation
import LanternMail
import XCTest

/// Random damage to the case files: every variant parses or fails with a message, never traps.
final class MailMutationTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that matter to the parsers: MIME syntax, escapes, UTF-8 lead bytes and line ends.
    private static let interesting: [UInt8] = Array("=?_:;\"'<>\\-\r\n\t %*".utf8) + [0x00, 0x1B, 0x80, 0xC3, 0xE3, 0xFF, 0x24, 0x42, 0x28]

    func testDamagedCaseFilesNeverTrap() throws {
        let folder = try MailTestSupport.requireShared("cases/mail")
        let parser = try MailTestSupport.requireParser()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") || $0.hasSuffix(".mbox") }.sorted()
        XCTAssertFalse(names.isEmpty)
        var generator = SplitMix(state: 0x4C41_4E54_4552_4E21)
        var parsed = 0
        for name in names {
            let original = try MailTestSupport.bytes(folder.appendingPathComponent(name))
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let position = Int.random(in: 0..<max(1, bytes.count), using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0 where !bytes.isEmpty: bytes[position] = Self.interesting.randomElement(using: &generator) ?? 0
                    case 1: bytes.insert(Self.interesting.randomElement(using: &generator) ?? 0, at: min(position, bytes.count))
                    case 2 where !bytes.isEmpty: bytes.remove(at: position)
                    default: bytes = Array(bytes.prefix(position))
                    }
                }
                if (try? parser.parse(bytes)) != nil { parsed += 1 }
                bytes.withUnsafeBytes { buffer in
                    for range in MboxSplitter.messageRanges(buffer) { _ = try? parser.parse(MboxSplitter.unescaped(buffer, range: range)) }
                }
            }
        }
        // Most damage leaves a parsable message; a run where nothing parses means the loop broke.
        XCTAssertGreaterThan(parsed, names.count * 150)
    }
}
