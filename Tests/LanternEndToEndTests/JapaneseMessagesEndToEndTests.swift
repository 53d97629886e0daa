import Foundation
import XCTest

@testable import LanternUI

/// The command line's messages under LANG=ja_JP.UTF-8: Japanese text from the message catalogue,
/// and no line or phrase of the English one. Data written to stdout (stats keys) stays English.
final class JapaneseMessagesEndToEndTests: XCTestCase {
    func testSimulateIngestTrainInJapanese() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let simulate = try EndToEnd.lanternJapanese(["simulate", "darknet", "--out", "s.pcap", "--packets", "10000"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        XCTAssertTrue(simulate.stderr.contains("を s.pcap に、送信元ホスト"), simulate.stderr)
        assertNoEnglishMessage(simulate.stderr)

        let ingest = try EndToEnd.lanternJapanese(["ingest", "--db", "j.db", "s.pcap"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("s.pcap: パケット "), ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("モデル版 v1: "), ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("アラート "), ingest.stderr)
        assertNoEnglishMessage(ingest.stderr)

        let again = try EndToEnd.lanternJapanese(["ingest", "--db", "j.db", "s.pcap"], directory: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("s.pcap: 取り込み済みのため、読み飛ばしました"), again.stderr)
        XCTAssertTrue(again.stderr.contains("新しいキャプチャがないため"), again.stderr)
        assertNoEnglishMessage(again.stderr)

        let train = try EndToEnd.lanternJapanese(["train", "--db", "j.db"], directory: directory)
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stderr.contains("モデル版 v2: "), train.stderr)
        assertNoEnglishMessage(train.stderr)

        // stats keys are data that scripts parse, so they stay English in every language.
        let stats = try EndToEnd.lanternJapanese(["stats", "--db", "j.db"], directory: directory)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.contains("\npackets: 10"), stats.stdout)
        XCTAssertTrue(stats.stdout.contains("model version: 2"), stats.stdout)
    }

    func testTruncatedCaptureErrorInJapanese() throws {
        try EndToEnd.requireBinary()
        let folder = try EndToEnd.requireSharedData("pcap")
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let whole = try Data(contentsOf: folder.appendingPathComponent("ddos-synack-reflection-ftp21.pcap"))
        try whole.prefix(40_001).write(to: URL(fileURLWithPath: directory + "/cut.pcap"))

        let result = try EndToEnd.lanternJapanese(["ingest", "--db", "c.db", "cut.pcap"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("lantern: キャプチャファイル cut.pcap の読み込みがレコード 497 の後で(バイトオフセット 40001)止まりました: "),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("読めたのはレコード 1〜497 で残りは読めていないため、このファイルの結果は不完全です。"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lantern: 1 ファイル中 1 ファイルでエラーが起きました。"), result.stderr)
        assertNoEnglishMessage(result.stderr)
    }

    /// Decoder anomalies are named in the chosen language; English keeps its former words.
    func testAnomalyNamesInBothLanguages() throws {
        try EndToEnd.requireBinary()
        let cases = EndToEnd.sharedData.deletingLastPathComponent().appendingPathComponent("cases/pcap")
        let captures = ["P02-tcp-option-length-zero.pcap", "P08-icmp-error-short-quote.pcap"].map { cases.appendingPathComponent($0).path }
        guard captures.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
            throw XCTSkip("shared cases not found at \(cases.path); they live beside the repository in ../shared/cases")
        }
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let japanese = try EndToEnd.lanternJapanese(["ingest", "--no-train", "--db", "j.db"] + captures, directory: directory)
        XCTAssertEqual(japanese.status, 0, japanese.stderr)
        let japaneseText = japanese.stdout + japanese.stderr
        XCTAssertTrue(japaneseText.contains("  異常: 不正な TCP オプション 3\n"), japaneseText)
        XCTAssertTrue(japaneseText.contains("  異常: ICMP 引用部の切り詰め 3\n"), japaneseText)
        assertNoEnglishMessage(japanese.stderr)

        let english = try EndToEnd.lantern(["ingest", "--no-train", "--db", "e.db"] + captures, directory: directory)
        let englishText = english.stdout + english.stderr
        XCTAssertTrue(englishText.contains("  anomalies: malformed TCP options 3\n"), englishText)
        XCTAssertTrue(englishText.contains("  anomalies: ICMP quote truncated 3\n"), englishText)
    }

    func testMissingCaptureInJapanese() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let result = try EndToEnd.lanternJapanese(["ingest", "--db", "m.db", "none.pcap"], directory: directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "lantern: キャプチャファイル none.pcap を開けません: ファイルもフォルダーもありません。"
            + "Lantern が読めるのは pcap と pcapng(gzip 圧縮も可)です。パスとファイルの種類を確認してください。\n")
    }

    func testUsageErrorsInJapanese() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let window = try EndToEnd.lanternJapanese(["ingest", "--db", "u.db", "--window", "0", "x"], directory: directory)
        XCTAssertEqual(window.status, 2, window.stderr)
        XCTAssertEqual(window.stderr, "lantern: --window には 1 から 86400 までの整数を指定してください(指定値: '0')\n"
            + "コマンドとオプションの一覧は 'lantern help' で確認できます。\n")

        let option = try EndToEnd.lanternJapanese(["train", "--colour"], directory: directory)
        XCTAssertEqual(option.status, 2, option.stderr)
        XCTAssertTrue(option.stderr.hasPrefix("lantern: 'train' に --colour というオプションはありません。使えるオプション: "), option.stderr)
        assertNoEnglishMessage(option.stderr)

        let command = try EndToEnd.lanternJapanese(["ingets"], directory: directory)
        XCTAssertEqual(command.status, 2, command.stderr)
        XCTAssertTrue(command.stderr.hasPrefix("lantern: 'ingets' というコマンドはありません。'ingest' のことですか?"), command.stderr)

        let missing = try EndToEnd.lanternJapanese(["train", "--db", "none.db"], directory: directory)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertEqual(missing.stderr, "lantern: ストア none.db がありません。先に 'lantern ingest --db none.db CAPTURE' を実行してください\n")
    }

    func testDemoWithoutScreenInJapanese() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let demo = try EndToEnd.lanternJapanese(["demo", "--dir", "d", "--packets", "20000", "--no-ui"], directory: directory)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stderr.contains("ダークネットのパケット 20000 件(14 日分)を d/demo.pcap に模擬しています…"), demo.stderr)
        XCTAssertTrue(demo.stderr.contains("サブネットのプロトタイプを学習しています…"), demo.stderr)
        XCTAssertTrue(demo.stderr.contains("メール: 保存 "), demo.stderr)
        XCTAssertTrue(demo.stderr.contains("メールモデル版 v"), demo.stderr)
        assertNoEnglishMessage(demo.stderr)
        // The clustering summary goes to stdout and is a message, not data.
        XCTAssertTrue(demo.stdout.contains("プロトタイプ集合 v1: "), demo.stdout)
        // Prototype descriptions use the screen's words for TAP buckets.
        XCTAssertTrue(demo.stdout.contains("単一宛先") || demo.stdout.contains("狭域スキャン") || demo.stdout.contains("広域スキャン"), demo.stdout)
        for english in ["single-target", "narrow scan", "wide scan", "one port", "few ports", "many ports", "mixed traffic"] {
            XCTAssertFalse(demo.stdout.contains(english), english)
        }
        assertNoEnglishMessage(demo.stdout)

        let again = try EndToEnd.lanternJapanese(["demo", "--dir", "d", "--no-ui"], directory: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("d/lantern.db を再利用します。"), again.stderr)
    }

    /// `--lang` chooses the language over the environment, and LC_ALL over LANG, as on the screens.
    func testLanguageSelectionMatchesScreens() throws {
        try EndToEnd.requireBinary()
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        environment["LC_MESSAGES"] = nil
        environment["LANG"] = "ja_JP.UTF-8"
        let english = try EndToEnd.run(EndToEnd.binary, ["demo", "--packets", "1"], environment: environment)
        XCTAssertEqual(english.status, 2, english.stderr)
        XCTAssertTrue(english.stderr.hasPrefix("lantern: --packets must be a whole number from 2000 to 50000000, not '1'"), english.stderr)

        let japanese = try EndToEnd.run(EndToEnd.binary, ["demo", "--lang", "ja", "--packets", "1"], environment: environment)
        XCTAssertEqual(japanese.status, 2, japanese.stderr)
        XCTAssertTrue(japanese.stderr.hasPrefix("lantern: --packets には 2000 から 50000000 までの整数を指定してください"), japanese.stderr)

        // Only the variables decide: no ja_JP locale needs to be installed.
        environment["LC_ALL"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_MESSAGES"] = "ja_JP.UTF-8"
        let messages = try EndToEnd.run(EndToEnd.binary, ["simulate"], environment: environment)
        XCTAssertEqual(messages.status, 2, messages.stderr)
        XCTAssertTrue(messages.stderr.hasPrefix("lantern: simulate には模擬するデータを指定してください"), messages.stderr)
    }

    /// Fails for each output line that an English catalogue message produces (placeholders
    /// match any text), and for each longer English phrase of the catalogue found in the output.
    private func assertNoEnglishMessage(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        let english = Strings.en.messageTable.filter { Strings.ja.messageTable[$0.key] != $0.value }
        let patterns = english.values.compactMap { template -> NSRegularExpression? in
            let pieces = template.split(omittingPlaceholders: true).map(NSRegularExpression.escapedPattern(for:))
            return try? NSRegularExpression(pattern: "^" + pieces.joined(separator: ".*") + "$")
        }
        for outputLine in output.split(separator: "\n").map(String.init) {
            let text = outputLine.hasPrefix("lantern: ") ? String(outputLine.dropFirst(9)) : outputLine
            let range = NSRange(text.startIndex..., in: text)
            for pattern in patterns where pattern.firstMatch(in: text, range: range) != nil {
                XCTFail("English message line: \(outputLine)", file: file, line: line)
            }
        }
        let japaneseText = Strings.ja.messageTable.values.joined(separator: "\n")
        for template in english.values {
            for piece in template.split(omittingPlaceholders: true) {
                let phrase = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                guard phrase.count >= 12, phrase.hasLetterRun(4), !japaneseText.contains(phrase) else { continue }
                if output.containsWord(phrase) { XCTFail("English phrase '\(phrase)' in:\n\(output)", file: file, line: line) }
            }
        }
    }
}
