import Foundation
import XCTest

@testable import LanternUI

/// Every screen of `lantern tui` under LANG=ja_JP.UTF-8, read back from tmux: no text of the
/// English catalogue may be left on any of them, and the Mail queue's columns stay aligned
/// after Japanese subjects.
final class JapaneseScreensEndToEndTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        try EndToEnd.requireBinary()
        try EndToEnd.requireTool("/usr/bin/tmux", package: "tmux")
        directory = try EndToEnd.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testEveryScreenInJapanese() throws {
        let japaneseMail = try EndToEnd.requireSharedData("mail/ja")
        try prepareStore(mail: japaneseMail.path)
        let ja = Strings.ja

        let command = "cd '\(directory)' && LANG=ja_JP.UTF-8 LC_ALL= LC_MESSAGES= exec '\(EndToEnd.binary)' tui --db j.db"
        let session = try TmuxSession(command: command, width: 110, height: 32)
        var screens: [(String, String)] = []

        // Each key waits for the screen it opens: a key sent while the previous one is still
        // being handled would test a different path than an analyst's.
        screens.append(("review", try session.waitFor("the review screen") { $0.contains("2 " + ja(.tabSubnets)) }))
        try session.send("?")
        screens.append(("review help", try session.waitFor("the review help") { $0.contains(ja(.helpTitle)) }))
        try session.send("?")
        try session.waitFor("the review help closed") { !$0.contains(ja(.helpTitle)) }
        try session.send("2")
        let subnets = try session.waitFor("the Subnets screen") { !$0.contains(ja(.helpTitle)) && $0.contains(ja(.flagsPanel)) }
        screens.append(("subnets", subnets))
        try session.send("Enter")
        screens.append(("subnet detail", try session.waitFor("the cell detail") { $0.contains(ja(.closeHint)) }))
        try session.send("Escape")
        try session.waitFor("the cell detail closed") { !$0.contains(ja(.closeHint)) }
        try session.send("?")
        screens.append(("subnets help", try session.waitFor("the subnets help") { $0.contains(ja(.helpTitle)) }))
        try session.send("Escape")
        try session.waitFor("the subnets help closed") { !$0.contains(ja(.helpTitle)) }
        try session.send("3")
        let mail = try session.waitFor("the Mail screen") { $0.contains(ja(.mailColumnSubject)) && !$0.contains(ja(.helpTitle)) }
        screens.append(("mail", mail))
        try session.send("?")
        screens.append(("mail help", try session.waitFor("the mail help") { $0.contains(ja(.helpTitle)) }))
        try session.send("?")
        try session.send("q")

        // The detector itself must see English: a line of the English catalogue is caught.
        XCTAssertTrue(Self.englishFragments(on: " " + Strings.en(.flagsPanel) + " ").contains(Strings.en(.flagsPanel)))
        // Screens are not printed, because `swift test` drops parts of long printed output. Each
        // failure message starts with the problem and then includes the screen.
        for (name, screen) in screens {
            let leaks = Self.englishFragments(on: screen)
            XCTAssertEqual(leaks, [], "English catalogue text on the \(name) screen: \(leaks)\n\(screen)")
        }
        assertVerdictColumnAligned(mail)
    }

    func testKeyBarHelpAndFlagReasonAt80x24() throws {
        let japaneseMail = try EndToEnd.requireSharedData("mail/ja")
        try prepareStore(mail: japaneseMail.path)
        let ja = Strings.ja
        let command = "cd '\(directory)' && LANG=ja_JP.UTF-8 LC_ALL= LC_MESSAGES= exec '\(EndToEnd.binary)' tui --db j.db"
        let session = try TmuxSession(command: command, width: 80, height: 24)
        let quit = "q " + ja(.actionQuitShort)

        let review = try session.waitFor("the review screen") { $0.contains(ja(.actionBackscatterShort)) }
        XCTAssertTrue(Self.lastLine(review).contains(quit), "quit is on the Review key bar:\n\(review)")
        try session.send("?")
        let reviewHelp = try session.waitFor("the review help") { $0.contains(ja(.helpTitle)) }
        Self.assertWhole(KeyMap.review.helpEntries(ja).map(\.text), on: reviewHelp)

        try session.send("?")
        try session.send("2")
        let subnets = try session.waitFor("the Subnets screen") { !$0.contains(ja(.helpTitle)) && $0.contains("=P0") }
        XCTAssertTrue(Self.lastLine(subnets).contains(quit), "quit is on the Subnets key bar:\n\(subnets)")
        try session.send("?")
        let subnetsHelp = try session.waitFor("the subnets help") { $0.contains(ja(.helpTitle)) }
        Self.assertWhole(KeyMap.subnets.helpEntries(ja).map(\.text), on: subnetsHelp)

        try session.send("Escape")
        try session.send("f")
        try session.send("Enter")
        let detail = try session.waitFor("a flagged cell's detail") { $0.contains("フラグ: ") }
        XCTAssertTrue(detail.contains("まれな遷移: P = ") || detail.contains("移動先に入ったサブネット "), detail)
        XCTAssertFalse(detail.contains("rare transition") || detail.contains("visited by"), detail)
        try session.send("Escape")
        try session.send("q")
    }

    private static func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Checks that each text appears whole on `screen`, once the lines are joined and spaces dropped.
    private static func assertWhole(_ texts: [String], on screen: String, file: StaticString = #filePath, line: UInt = #line) {
        let joined = screen.filter { !$0.isWhitespace }
        for text in texts {
            XCTAssertTrue(joined.contains(text.filter { !$0.isWhitespace }), "'\(text)' is cut:\n\(screen)", file: file, line: line)
        }
    }

    /// Simulated darknet days, clustered, and the Japanese mail folder, all in one store.
    private func prepareStore(mail: String) throws {
        let simulate = try EndToEnd.lantern(
            ["simulate", "darknet", "--out", "j.pcap", "--packets", "200000", "--days", "14", "--seed", "4"], directory: directory)
        XCTAssertEqual(simulate.status, 0, simulate.stderr)
        let ingest = try EndToEnd.lantern(["ingest", "--db", "j.db", "j.pcap"], directory: directory)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let cluster = try EndToEnd.lantern(["cluster", "--db", "j.db"], directory: directory)
        XCTAssertEqual(cluster.status, 0, cluster.stderr)
        let mailIngest = try EndToEnd.lantern(["ingest", "--db", "j.db", mail], directory: directory)
        XCTAssertEqual(mailIngest.status, 0, mailIngest.stderr)
    }

    /// Pieces of English catalogue values (split at placeholders) found on `screen` as whole
    /// words. Pieces without a run of four letters ("TCP", "b") and pieces that the Japanese
    /// catalogue uses too ("SVM", "TAP") are not counted.
    static func englishFragments(on screen: String) -> [String] {
        let japaneseText = Strings.ja.table.values.joined(separator: "\n")
        var found: Set<String> = []
        for (key, english) in Strings.en.table where Strings.ja.table[key] != english {
            for piece in english.split(omittingPlaceholders: true) {
                let fragment = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                guard fragment.hasLetterRun(4), !japaneseText.contains(fragment) else { continue }
                if screen.containsWord(fragment) { found.insert(fragment) }
            }
        }
        return found.sorted()
    }

    /// In every queue row the verdict cell starts at the display cell where the header's
    /// verdict title starts, and the row ends at the same cell, whatever the subject's width.
    private func assertVerdictColumnAligned(_ screen: String) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ja = Strings.ja
        guard let headerIndex = lines.firstIndex(where: { $0.contains(ja(.mailColumnSubject)) && $0.contains(ja(.mailColumnConfidence)) }),
              let title = lines[headerIndex].range(of: ja(.mailColumnVerdict), options: .backwards) else {
            return XCTFail("no queue header on the Mail screen:\n\(screen)")
        }
        let verdictColumn = DisplayWidth.width(of: String(lines[headerIndex][..<title.lowerBound]))
        let rows = lines[(headerIndex + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertGreaterThan(rows.count, 3, "queue rows:\n\(screen)")
        var shortRows: [String] = []
        var rowsWithoutGap: [String] = []
        var rowsBlankUnderTitle: [String] = []
        var ends: Set<Int> = []
        for row in rows {
            let cells = Self.cells(of: row)
            ends.insert(DisplayWidth.width(of: row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)))
            guard cells.count > verdictColumn else {
                shortRows.append(row)
                continue
            }
            if cells[verdictColumn - 1] != " " { rowsWithoutGap.append(row) }
            if cells[verdictColumn] == " " { rowsBlankUnderTitle.append(row) }
        }
        // Each check lists its rows in one failure, so a short excerpt of the log shows them all.
        XCTAssertEqual(shortRows, [], "rows end before the verdict column \(verdictColumn):\n\(screen)")
        XCTAssertEqual(rowsWithoutGap, [], "rows without a blank cell before the verdict column \(verdictColumn):\n\(screen)")
        XCTAssertEqual(rowsBlankUnderTitle, [], "rows with no verdict under its title at cell \(verdictColumn):\n\(screen)")
        XCTAssertEqual(ends.count, 1, "rows end at different cells \(ends.sorted()):\n\(screen)")
    }

    /// Returns the characters of `line` by display cell; a wide character fills its second cell with "".
    private static func cells(of line: String) -> [String] {
        var cells: [String] = []
        for character in line {
            let width = DisplayWidth.width(of: String(character))
            cells.append(String(character))
            if width == 2 { cells.append("") }
        }
        return cells
    }
}

/// Text helpers shared by the tests that compare output with the English catalogues.
extension String {
    /// Returns the literal pieces between `{name}` placeholders.
    func split(omittingPlaceholders: Bool) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inPlaceholder = false
        for character in self {
            if character == "{" {
                inPlaceholder = true
                pieces.append(current)
                current = ""
            } else if character == "}" && inPlaceholder {
                inPlaceholder = false
            } else if !inPlaceholder {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }

    func hasLetterRun(_ length: Int) -> Bool {
        var run = 0
        for character in self {
            run = character.isASCII && character.isLetter ? run + 1 : 0
            if run >= length { return true }
        }
        return false
    }

    /// Returns whether `word` occurs with no ASCII letter directly before or after it.
    func containsWord(_ word: String) -> Bool {
        var searchStart = startIndex
        while let range = self.range(of: word, range: searchStart..<endIndex) {
            let before = range.lowerBound > startIndex ? self[index(before: range.lowerBound)] : " "
            let after = range.upperBound < endIndex ? self[range.upperBound] : " "
            if !(before.isASCII && before.isLetter) && !(after.isASCII && after.isLetter) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
