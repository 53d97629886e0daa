import LanternTriage
import XCTest
@testable import LanternUI

/// A `MailReview` that records every call, with a Japanese subject, a hostile subject and URLs
/// in its queue, and a switch that makes `label` throw.
final class FakeMailReview: MailReview {
    var state = MailLearningState(modelVersion: 4, modelActive: true, maliciousLabels: 2, benignLabels: 1, queueSize: 3)
    var queue: [MailItem]
    var labelCalls: [(mailID: Int64, label: MailAnalystLabel)] = []
    var labelError: Error?
    private var labelled: [MailItem] = []

    struct StoreFailure: Error, CustomStringConvertible {
        var description: String { "database is locked" }
    }

    static let hostileSubject = "Invoice\u{1B}]0;pwned\u{07}\u{1B}[2J due \u{202E}fdp.exe"
    static let japaneseSubject = "【重要】アカウント確認のお願い:至急ご対応ください"

    init() {
        queue = [
            MailItem(mailID: 11, messageID: "<a@example.org>", date: 1_700_000_000, senderAddress: "support@bank-example.top",
                     senderName: "三井住友カード", subject: FakeMailReview.japaneseSubject, excerpt: "お客様のアカウントが一時停止されました。",
                     urls: ["https://login.bank-example.top/verify?id=1"], attachments: [], verdict: "malicious", confidence: 0.12,
                     unknown: true),
            MailItem(mailID: 12, messageID: "<b@example.org>", date: 1_700_086_400, senderAddress: "billing@example.net",
                     senderName: "Billing\u{1B}[31m", subject: FakeMailReview.hostileSubject, excerpt: "Open the attached invoice.\u{1B}[5m",
                     urls: ["http://evil.example.com/a.b", "hxxp://x[.]example[.]org", "https://c.example/", "https://d.example/"],
                     attachments: [MailItem.Attachment(mediaType: "application/pdf", name: "invoice.pdf\u{202E}exe.pdf")],
                     verdict: "benign", confidence: 0.4, unknown: false),
            MailItem(mailID: 13, messageID: "", date: nil, senderAddress: "news@shop.example", senderName: "", subject: "Big sale",
                     excerpt: "Discounts", urls: [], attachments: [], verdict: nil, confidence: nil, unknown: true),
        ]
    }

    func label(_ item: MailItem, as label: MailAnalystLabel) throws -> MailLabelReceipt {
        if let labelError { throw labelError }
        labelCalls.append((item.mailID, label))
        labelled.append(item)
        queue.removeAll { $0.mailID == item.mailID }
        state.modelVersion += 1
        return MailLabelReceipt(labelID: Int64(labelCalls.count), mailID: item.mailID, label: label, modelVersion: state.modelVersion)
    }

    func undo() throws -> MailItem? {
        guard let item = labelled.popLast() else { return nil }
        queue.insert(item, at: 0)
        return item
    }

    func skip(_ item: MailItem) {
        queue.removeAll { $0.mailID == item.mailID }
    }
}

final class MailScreenTests: XCTestCase {
    private func assertNoEscapes(_ grid: ScreenGrid, file: StaticString = #filePath, line: UInt = #line) {
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                for scalar in grid[row: row, column: column].character.unicodeScalars {
                    XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}",
                                   "raw U+\(String(scalar.value, radix: 16)) at \(row),\(column)", file: file, line: line)
                }
            }
        }
    }

    func testRendersAt80x24WithStatusAndPreview() {
        let screen = MailScreen(review: FakeMailReview(), strings: .en)
        let grid = screen.render(width: 80, height: 24)
        let status = grid.rowText(0)
        XCTAssertTrue(status.contains("mail model v4"), status)
        XCTAssertTrue(status.contains("malicious 0.12 unknown"), status)
        let text = grid.text
        XCTAssertTrue(text.contains("From: 三井住友カード <support@bank-example.top>"), text)
        XCTAssertTrue(text.contains("Date: 2023-11-14 22:13:20 UTC"), text)
        XCTAssertTrue(text.contains("hxxps://login[.]bank-example[.]top/verify?id=1"), text)
        XCTAssertFalse(text.contains("https://login.bank-example.top"), "URLs are never shown live")
        XCTAssertTrue(grid.rowText(23).contains("m malicious"), grid.rowText(23))
        XCTAssertTrue(grid.rowText(23).contains("c not malicious"), grid.rowText(23))
        assertNoEscapes(grid)
    }

    func testJapaneseSubjectKeepsColumnsAligned() {
        let screen = MailScreen(review: FakeMailReview(), strings: .en)
        let grid = screen.render(width: 80, height: 24)
        let columns = screen.queueColumns(width: 80)
        let verdictColumn = 1 + [columns.date, columns.sender, columns.subject].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        // Rows 2 to 4 contain the Japanese, hostile and plain subjects; the verdict starts in the same cell on each.
        XCTAssertEqual(grid[row: 2, column: verdictColumn].character, "m", grid.rowText(2))
        XCTAssertEqual(grid[row: 3, column: verdictColumn].character, "n", grid.rowText(3))
        XCTAssertEqual(grid[row: 4, column: verdictColumn].character, "-", grid.rowText(4))
        for row in 2...4 {
            XCTAssertFalse(grid[row: row, column: verdictColumn].isContinuation, "row \(row)")
        }
        for column in 0..<80 where grid[row: 2, column: column].width == 2 {
            XCTAssertTrue(grid[row: 2, column: column + 1].isContinuation, "a wide character is never split (column \(column))")
        }
        XCTAssertTrue(grid.rowText(2).contains("【重要】アカウント"), grid.rowText(2))
    }

    func testHostileSubjectIsNeutralised() {
        let review = FakeMailReview()
        let screen = MailScreen(review: review, strings: .en)
        _ = screen.handle(.character("j"))
        let grid = screen.render(width: 100, height: 24)
        let text = grid.text
        XCTAssertTrue(text.contains("Invoice^[]0;pwned^G^[[2J due <U+202E>fdp.exe"), text)
        XCTAssertTrue(text.contains("Billing^[[31m <billing@example.net>"), text)
        XCTAssertTrue(text.contains("application/pdf invoice.pdf<U+202E>exe.pdf"), text)
        XCTAssertTrue(text.contains("hxxp://evil[.]example[.]com/a.b"), text)
        XCTAssertTrue(text.contains("+2 more URLs"), text)
        assertNoEscapes(grid)
    }

    func testLabelKeysStoreThenShowSaved() {
        let review = FakeMailReview()
        let screen = MailScreen(review: review, strings: .en)
        XCTAssertEqual(screen.handle(.character("m")), .redraw)
        XCTAssertEqual(review.labelCalls.map(\.mailID), [11])
        XCTAssertEqual(review.labelCalls.map(\.label), [.malicious])
        XCTAssertEqual(screen.selectedItem?.mailID, 12, "the next message is selected")
        let grid = screen.render(width: 80, height: 24)
        XCTAssertTrue(grid.rowText(22).contains("saved: message 11 → malicious (mail model v5)"), grid.rowText(22))
        XCTAssertTrue(grid.rowText(0).contains("mail model v5"), grid.rowText(0))

        _ = screen.handle(.character("c"))
        XCTAssertEqual(review.labelCalls.map(\.label), [.malicious, .benign])
        _ = screen.handle(.character("u"))
        XCTAssertEqual(screen.selectedItem?.mailID, 12, "undo selects the message it withdrew")
        XCTAssertTrue(screen.render(width: 80, height: 24).rowText(22).contains("undone: label for message 12"))
        _ = screen.handle(.character("s"))
        XCTAssertFalse(review.queue.contains { $0.mailID == 12 })
    }

    func testFailedLabelShowsErrorAndKeepsSelection() {
        let review = FakeMailReview()
        review.labelError = FakeMailReview.StoreFailure()
        let screen = MailScreen(review: review, strings: .en)
        _ = screen.handle(.character("m"))
        XCTAssertEqual(screen.selectedItem?.mailID, 11)
        let line = screen.render(width: 80, height: 24).rowText(22)
        XCTAssertTrue(line.contains("not saved: label for message 11 failed: database is locked"), line)
        XCTAssertFalse(line.contains("saved: message"), line)
    }

    func testHelpListsMailKeysInBothLanguages() {
        for strings in [Strings.en, Strings.ja] {
            let screen = MailScreen(review: FakeMailReview(), strings: strings)
            _ = screen.handle(.character("?"))
            let text = screen.render(width: 80, height: 24).text
            XCTAssertTrue(text.contains(strings(.mailActionMalicious)), text)
            XCTAssertTrue(text.contains(strings(.mailActionBenign)), text)
            XCTAssertTrue(text.contains(strings(.mailActionUndo)), text)
            XCTAssertEqual(screen.handle(.character("m")), .none, "labels wait until the help is closed")
            _ = screen.handle(.escape)
            XCTAssertFalse(screen.showingHelp)
        }
    }

    func testJapaneseCatalogueAt80x24() {
        let screen = MailScreen(review: FakeMailReview(), strings: .ja)
        let grid = screen.render(width: 80, height: 24)
        XCTAssertTrue(grid.rowText(0).contains("メールモデル v4"), grid.rowText(0))
        XCTAssertTrue(grid.rowText(0).contains("悪性 0.12 未知"), grid.rowText(0))
        XCTAssertTrue(grid.rowText(1).contains("件名"), grid.rowText(1))
        XCTAssertTrue(grid.text.contains("差出人: 三井住友カード"), grid.text)
    }

    func testNoMailShowsHowToIngest() {
        let text = MailScreen(review: nil, strings: .en).render(width: 80, height: 24).text
        XCTAssertTrue(text.contains("No mail in this store"), text)
    }

    func testTabAndThreeReachMailScreen() {
        let review = ReviewScreen(review: PreviewReview(), strings: .en)
        let screens = AppScreens(review: review, subnets: SubnetScreen(timeline: nil, strings: .en),
                                 mail: MailScreen(review: FakeMailReview(), strings: .en))
        _ = screens.handle(.character("3"))
        XCTAssertEqual(screens.front, .mail)
        XCTAssertTrue(screens.render(width: 100, height: 24).rowText(0).contains("3 Mail"))
        _ = screens.handle(.tab)
        XCTAssertEqual(screens.front, .review)
        _ = screens.handle(.tab)
        XCTAssertEqual(screens.front, .subnets)
        _ = screens.handle(.tab)
        XCTAssertEqual(screens.front, .mail)
    }

    func testStatusSegmentsStopBeforeTabs() {
        for strings in [Strings.en, Strings.ja] {
            let review = FakeMailReview()
            review.state.queueSize = 12_345
            let screens = AppScreens(review: ReviewScreen(review: PreviewReview(), strings: strings),
                                     subnets: SubnetScreen(timeline: nil, strings: strings), mail: MailScreen(review: review, strings: strings))
            _ = screens.handle(.character("3"))
            let status = screens.render(width: 80, height: 24).rowText(0)
            XCTAssertTrue(status.contains(strings(.mailStatusModel, ["version": "4"])), status)
            XCTAssertTrue(status.contains("3 " + strings(.tabMail)), status)
            let queue = strings(.statusQueue, ["count": "12345"])
            let queueLabel = strings(.statusQueue, ["count": ""]).trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(status.contains(queue) || !status.contains(queueLabel), "a cut queue size: \(status)")
        }
    }

    func testMissingModelIsStatedPlainly() {
        for strings in [Strings.en, Strings.ja] {
            let review = FakeMailReview()
            review.state.modelActive = false
            let grid = MailScreen(review: review, strings: strings).render(width: 80, height: 24)
            XCTAssertTrue(grid.rowText(0).contains(strings(.mailStatusInactive)), grid.rowText(0))
            let hint = strings(.mailNoModelHint, ["malicious": "m", "benign": "c"])
            XCTAssertTrue(grid.rowText(22).contains(hint), "the whole hint fits in 80 columns: \(grid.rowText(22))")
        }
    }

    /// With malicious labels only (from a reputation list), the hint requests the missing class.
    func testOneClassHintAsksForTheOther() {
        for strings in [Strings.en, Strings.ja] {
            let review = FakeMailReview()
            review.state.modelActive = false
            review.state.maliciousLabels = 80
            review.state.benignLabels = 0
            let grid = MailScreen(review: review, strings: strings).render(width: 80, height: 24)
            XCTAssertEqual(grid.rowText(22).trimmingCharacters(in: .whitespaces), strings(.mailNeedsBenignHint, ["benign": "c"]))
        }
    }

    /// A message without a verdict is shown as having none, not also as "unknown".
    func testNoVerdictShownAlone() {
        let review = FakeMailReview()
        review.queue[0].verdict = nil
        review.queue[0].confidence = nil
        review.queue[0].unknown = true
        let text = MailScreen(review: review, strings: .en).render(width: 100, height: 30).text
        let line = text.split(separator: "\n").first { $0.contains("Verdict:") }.map(String.init) ?? ""
        XCTAssertEqual(line.trimmingCharacters(in: .whitespaces), "Verdict: no verdict", text)
    }

    func testNoModelHintNamesReboundKeys() {
        let (config, errors) = Config.parse("key mail.label-malicious = x\nkey mail.label-benign = space\n", path: "config")
        XCTAssertEqual(errors, [])
        let (keys, keyErrors) = KeyMap.mail.applying(config)
        XCTAssertEqual(keyErrors, [])
        let expected: [Strings.Language: String] = [
            .en: "No mail model yet: label one message malicious (x), one not malicious (Space).",
            .ja: "メールモデルがありません。悪性(x)と非悪性(Space)を 1 件ずつ判定してください。",
        ]
        for strings in [Strings.en, Strings.ja] {
            let review = FakeMailReview()
            review.state.modelActive = false
            let line = MailScreen(review: review, strings: strings, keyMap: keys).render(width: 80, height: 24).rowText(22)
            XCTAssertEqual(line.trimmingCharacters(in: .whitespaces), expected[strings.language], "whole at 80 columns: \(line)")
        }
    }

    func testSavedLabelWithFailedUpdateIsNotCalledUnsaved() {
        let review = FakeMailReview()
        review.labelError = MailSessionError.modelUpdateFailed(mailID: 11, reason: "disk I/O error")
        let screen = MailScreen(review: review, strings: .en)
        _ = screen.handle(.character("m"))
        let line = screen.render(width: 120, height: 24).rowText(22)
        XCTAssertTrue(line.contains("label for message 11 saved, but the mail models were not updated: disk I/O error"), line)
        XCTAssertFalse(line.contains("not saved"), line)
    }

    func testConfigRebindsLabelKeyAndHelpShowsIt() throws {
        let (config, errors) = Config.parse("key mail.label-malicious = x\n", path: "config")
        XCTAssertEqual(errors, [])
        let (keys, keyErrors) = KeyMap.mail.applying(config)
        XCTAssertEqual(keyErrors, [])
        let review = FakeMailReview()
        let screen = MailScreen(review: review, strings: .en, keyMap: keys)

        XCTAssertEqual(screen.handle(.character("m")), .none, "m no longer labels")
        XCTAssertTrue(review.labelCalls.isEmpty)
        XCTAssertTrue(screen.render(width: 80, height: 24).rowText(23).contains("x malicious"))
        _ = screen.handle(.character("?"))
        let help = screen.render(width: 80, height: 24).text
        XCTAssertTrue(help.contains("Press ? or Esc") || help.contains("? or Esc closes this help"), help)
        XCTAssertTrue(help.contains("x "), help)
        _ = screen.handle(.character("?"))
        XCTAssertEqual(screen.handle(.character("x")), .redraw)
        XCTAssertEqual(review.labelCalls.count, 1)
        XCTAssertEqual(review.labelCalls.first?.label, .malicious)
    }

    func testClickSelectsQueueRow() {
        let screen = MailScreen(review: FakeMailReview(), strings: .en)
        _ = screen.render(width: 80, height: 24)
        // Row 1 is the column header, rows 2 to 4 the three messages.
        XCTAssertNil(screen.queueIndex(atColumn: 10, row: 1))
        XCTAssertEqual(screen.queueIndex(atColumn: 10, row: 4), 2)
        XCTAssertNil(screen.queueIndex(atColumn: 10, row: 5), "below the last message")
        XCTAssertEqual(screen.handleClick(column: 10, row: 3), .redraw)
        XCTAssertEqual(screen.selectedIndex, 1)
        XCTAssertEqual(screen.handleClick(column: 10, row: 3), .none, "the selected row again")
    }

    func testBodyURLsDefangedInPreview() {
        let review = FakeMailReview()
        review.queue[0].excerpt = "ご確認ください https://login.bank-example.top/verify?id=9 までお願いします"
        let text = MailScreen(review: review, strings: .en).render(width: 100, height: 30).text
        XCTAssertTrue(text.contains("hxxps://login[.]bank-example[.]top/verify?id=9"), text)
        XCTAssertFalse(text.contains("https://login.bank-example.top/verify?id=9"), "no live URL in the body")
    }

    /// Spam puts links in subjects and display names too; the queue row and the preview both
    /// show them defanged.
    func testSubjectAndNameURLsDefanged() {
        let review = FakeMailReview()
        review.queue[0].subject = "TAKE FREE CRYPTO https://cutt.example/7qH 💵"
        review.queue[0].senderName = "Prize http://win.example.net"
        let text = MailScreen(review: review, strings: .en).render(width: 120, height: 30).text
        let rows = text.split(separator: "\n").filter { $0.contains("TAKE FREE CRYPTO") }
        XCTAssertEqual(rows.count, 2, "one queue row and the preview's subject line:\n\(text)")
        for row in rows { XCTAssertTrue(row.contains("hxxps://cutt[.]example/7qH"), String(row)) }
        XCTAssertTrue(text.contains("From: \"Prize hxxp://win[.]example[.]net\" <"), text)
        XCTAssertFalse(text.contains("https://") || text.contains("http://"), "no live URL anywhere:\n\(text)")
    }

    func testAddressLikeDisplayNameQuoted() {
        let review = FakeMailReview()
        review.queue[0].senderName = "Bank Security Team <security@bank.example.com>"
        review.queue[0].senderAddress = "x7@spam.example.net"
        let text = MailScreen(review: review, strings: .en).render(width: 120, height: 30).text
        XCTAssertTrue(text.contains("From: \"Bank Security Team <security@bank.example.com>\" <x7@spam.example.net>"), text)
    }
}
