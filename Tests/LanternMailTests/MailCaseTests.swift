import Foundation
@testable import LanternMail
import XCTest

/// The mail cases: each input file gets the outcome its bug report calls for.
final class MailCaseTests: XCTestCase {
    private func parse(_ relativePath: String) throws -> [MailMessage] {
        let url = try MailTestSupport.requireShared("cases").appendingPathComponent(relativePath)
        let parser = try MailTestSupport.requireParser()
        return try MailTestSupport.messages(at: url.path, parser: parser).map { try $0.get() }
    }

    private func single(_ relativePath: String) throws -> MailMessage {
        let messages = try parse(relativePath)
        XCTAssertEqual(messages.count, 1, relativePath)
        return try XCTUnwrap(messages.first)
    }

    func testM02CharactersSplitAcrossEncodedWords() throws {
        let message = try single("mail/M02-utf8-char-split-across-words.eml")
        XCTAssertEqual(message.subject, "Confirmação do pedido – 注文確認 №42")
        XCTAssertEqual(message.sender?.displayName, "Équipe Sécurité")
        XCTAssertEqual(message.sender?.address, "team@secure.example.net")
    }

    func testM03CharsetAliasesAndUnknownLabels() throws {
        let message = try single("mail/M03-charset-labels-aliases-and-unknown.eml")
        XCTAssertEqual(message.subject, "【当選】ポイント付与のお知らせ")
        XCTAssertEqual(message.sender?.displayName, "㈱サンプル販売")
        XCTAssertTrue(message.text.contains("①限定セール\u{3000}本日のみ"), message.text)
        XCTAssertTrue(message.text.contains("お得な情報をお届けします"), message.text)
        XCTAssertTrue(message.text.contains("ご確認ください"), message.text)
        XCTAssertTrue(message.text.contains("Olá, clique aqui para resgatar"), message.text)
        XCTAssertTrue(message.text.contains("Total: 100\u{FFFD} only today"), message.text)
        XCTAssertTrue(message.notes.contains { $0.contains("unknown charset 'uft-8'") }, "\(message.notes)")
        XCTAssertTrue(message.notes.contains { $0.contains("unknown charset 'x-unknown-2047'") }, "\(message.notes)")
        // windows-1252 mojibake of UTF-8 or Shift_JIS would show these.
        XCTAssertFalse(message.text.contains("Ã"))
        XCTAssertFalse(message.text.contains("‡@"))
    }

    func testM05ISO2022JPBodyWithoutCharset() throws {
        let message = try single("mail/M05-iso2022jp-body-without-charset.eml")
        XCTAssertTrue(message.text.contains("このメールは自動送信です。"), message.text)
        XCTAssertTrue(message.text.contains("下記のリンクから手続きを完了してください。"), message.text)
        XCTAssertFalse(message.text.contains("\u{1B}"))
        XCTAssertEqual(message.urls, ["http://verify.example.net/login?id=5521"])
        XCTAssertEqual(message.domains, ["example.net"])
    }

    func testM07AddressesParsedBeforeNamesDecoded() throws {
        let message = try single("mail/M07-encoded-display-name-with-angle-and-comma.eml")
        XCTAssertEqual(message.sender?.address, "x7@spam.example.net")
        XCTAssertEqual(message.sender?.displayName, "Bank Security Team <security@bank.example.com>")
        XCTAssertEqual(message.recipients, [MailAddress(address: "anna@example.org", displayName: "Sveinsdóttir, Anna")])
    }

    func testM08MboxSeparatorsNeedAddressAndDate() throws {
        for name in ["mail/M08-mbox-unescaped-from-line.mbox", "mail/M08-mbox-unescaped-from-line-crlf.mbox"] {
            let messages = try parse(name)
            XCTAssertEqual(messages.count, 2, name)
            guard messages.count == 2 else { continue }
            XCTAssertEqual(messages[0].subject, "Final notice about your reward", name)
            XCTAssertEqual(messages[1].subject, "Parcel held at depot", name)
            XCTAssertTrue(messages[0].text.contains("From the desk of the Prize Committee"), name)
            XCTAssertEqual(messages[0].messageID, "m08-1@example.net", name)
            XCTAssertEqual(messages[1].messageID, "m08-2@example.org", name)
            for message in messages {
                XCTAssertFalse(message.subject.contains("\r"), name)
            }
        }
    }

    func testM10HTMLLinksDecodedBeforeExtraction() throws {
        let message = try single("mail/M10-html-iso2022jp-qp-links.eml")
        XCTAssertEqual(message.urls, [
            "http://points.example.net/check?user=42",
            "http://click.example.net/r?id=123&u=abc&lang=ja",
            "http://points.example.net/very/long/path/segment/that/goes/on/index.html?ref=mail",
        ])
        XCTAssertEqual(message.subject, "ポイント失効のお知らせ")
        XCTAssertTrue(message.text.contains("ポイントの有効期限が近づいています。"), message.text)
        XCTAssertTrue(message.text.contains("こちらからご確認ください。"), message.text)
        XCTAssertFalse(message.text.contains("\u{1B}"))
    }

    func testM11RFC2231SectionsJoinedAsBytes() throws {
        let message = try single("mail/M11-rfc2231-params-split-and-broken.eml")
        XCTAssertEqual(message.attachments.map(\.name), ["請求書_2023年11月.pdf", "partgap.txt"])
        XCTAssertEqual(message.attachments.map(\.mediaType), ["application/pdf", "application/octet-stream"])
        XCTAssertTrue(message.text.contains("添付ファイルをご確認ください。"), message.text)
        XCTAssertTrue(message.notes.contains { $0.contains("'name*' has no value") }, "\(message.notes)")
        XCTAssertTrue(message.notes.contains { $0.contains("'filename' is missing section 1") }, "\(message.notes)")
    }

    func testM11NameAndFilenameBothDecode() throws {
        let url = try MailTestSupport.requireShared("cases/mail/M11-rfc2231-params-split-and-broken.eml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let contentType = try XCTUnwrap(text.components(separatedBy: "Content-Type: application/pdf;").last?.components(separatedBy: "Content-Disposition").first)
        let disposition = try XCTUnwrap(text.components(separatedBy: "Content-Disposition: attachment;").dropFirst().first?
            .components(separatedBy: "Content-Transfer-Encoding").first)
        XCTAssertEqual(MIMEParameters(raw: Array(("application/pdf;" + contentType).utf8))["name"], "請求書_2023年11月.pdf")
        XCTAssertEqual(MIMEParameters(raw: Array(("attachment;" + disposition).utf8))["filename"], "請求書_2023年11月.pdf")
    }

    func testM12MaildirWithColonInPath() throws {
        let folder = try MailTestSupport.requireShared("cases/mail/M12-maildir")
        let source = try MailSource(paths: [folder.path])
        let names = source.files.map { ($0.path as NSString).lastPathComponent }
        XCTAssertEqual(names, ["1700000001.M2P100Q2.mx:2,S", "1700000002.M3P100Q3.mx:2:2,RS", "1700000003.M4P100Q4.mx:2,FS", "1700000000.M1P100Q1.mx"])
        XCTAssertEqual(source.files.filter { $0.path.contains("/new/") }.count, 1)
        XCTAssertEqual(source.files.filter { $0.path.contains("/cur/") }.count, 3)
        XCTAssertEqual(source.files.map { $0.maildir?.flags }, ["S", "RS", "FS", ""])
        XCTAssertEqual(source.files.map { $0.maildir?.warning == nil }, [true, false, true, true])
        XCTAssertTrue(source.notMail.isEmpty, "\(source.notMail)")
        let subjects = try parse("mail/M12-maildir").map(\.subject)
        XCTAssertEqual(subjects.count, 4)
    }

    func testT01ControlsKeptOnOneLine() throws {
        let messages = try parse("tty/T01-escape-and-control-injection.mbox")
        XCTAssertEqual(messages.count, 7)
        for message in messages {
            XCTAssertFalse(message.subject.contains { $0 == "\r" || $0 == "\n" }, message.subject.debugDescription)
        }
        XCTAssertEqual(messages.first?.subject, "Invoice \u{1B}[2J\u{1B}[H\u{1B}[31mPAID\u{1B}[0m")
        XCTAssertEqual(messages.dropFirst(3).first?.subject, "Weekly report Re: your password was reset")
        XCTAssertEqual(messages.dropFirst(2).first?.sender?.displayName, "Support\u{1B}]0;root@bank\u{07}")
        // The OSC 8 link's real target is recorded beside the text it pretends to be.
        XCTAssertEqual(messages.last?.urls, ["http://203.0.113.66/x", "http://bank.example.com/"])
        XCTAssertEqual(messages.last?.domains, ["203.0.113.66", "example.com"])
    }

    func testT03BidiAttachmentNameRecordedWithRealExtension() throws {
        let message = try single("tty/T03-bidi-and-invisible-controls.eml")
        let attachment = try XCTUnwrap(message.attachments.first)
        XCTAssertEqual(attachment.name, "invoice_2023\u{202E}fdp.exe")
        XCTAssertEqual(attachment.realExtension, "exe")
        XCTAssertEqual(attachment.warning, "name contains invisible or direction-changing characters (U+202E); the real extension is .exe")
        XCTAssertEqual(message.sender?.displayName, "Service\u{202E} moc.elpmaxe")
        XCTAssertEqual(message.urls, ["http://pay\u{200B}pal.example.net/login", "http://example.com\u{2215}login.example.net/"])
        // The lookalike slash belongs to the host, so the link leads to example.net, not example.com.
        XCTAssertEqual(message.domains, ["example.net"])
    }

    func testT04WideSubjectsDecoded() throws {
        let messages = try parse("tty/T04-cjk-width-truncation.mbox")
        XCTAssertEqual(messages.count, 8)
        XCTAssertEqual(messages.first?.subject, "【緊急】お客様のアカウントが一時的に制限されました。至急ご確認ください。本メールは送信専用です")
        XCTAssertEqual(messages.dropFirst(6).first?.subject, "ＳＰＥＣＩＡＬ ＯＦＦＥＲ ＦＯＲ ＹＯＵ ＴＯＤＡＹ ＯＮＬＹ ＣＬＩＣＫ ＮＯＷ")
        for message in messages {
            XCTAssertFalse(message.subject.contains("\u{FFFD}"), message.subject)
        }
    }

    func testT06SubjectsCollapseToOneLine() throws {
        let messages = try parse("tty/T06-whitespace-and-line-breaks-in-subject.mbox")
        XCTAssertEqual(messages.count, 6)
        guard messages.count == 6 else { return }
        XCTAssertEqual(messages[0].subject, "Cloud billing statement 1234-5678 の請求書")
        XCTAssertEqual(messages[1].subject, "Price list 2023 Q4")
        XCTAssertEqual(messages[2].subject, "Line one line two paragraph two")
        XCTAssertEqual(messages[4].subject, "Quarterly report for November")
        XCTAssertEqual(messages[5].subject, "Report BCC: everyone@example.org")
        XCTAssertEqual(messages[3].subject, "お支払い方法の確認")
        for message in messages {
            XCTAssertFalse(message.subject.unicodeScalars.contains { $0.properties.isWhitespace && $0 != " " }, message.subject.debugDescription)
            XCTAssertFalse(message.subject.contains("  "), message.subject.debugDescription)
            XCTAssertEqual(message.subject, message.subject.trimmingCharacters(in: .whitespaces))
        }
    }
}
