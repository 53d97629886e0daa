import Foundation
import LanternMail
import XCTest

/// Every broken or tricky message in the malformed folder gets its outcome, and none crashes.
final class MalformedMailTests: XCTestCase {
    /// What must come out of one file.
    private enum Outcome {
        /// Parsed; the subject and a piece of the text (empty: no check) are as given.
        case parsed(subject: String, text: String)
        /// Reported and skipped, with this reason.
        case rejected(reason: String)
    }

    private let expected: [String: Outcome] = [
        "01-enmime-multipart-wo-boundary-raw.eml": .parsed(subject: "Delivery Status Notification (Failure)", text: "I'm multipart message without boundary"),
        "02-enmime-mime-bad-content-type-raw.eml": .parsed(subject: "Confirmation of Booking with easyHotel", text: "Thank you for booking with easyHotel."),
        "03-enmime-html-mime-bad-charset-inline-raw.eml": .parsed(subject: "MIME test 1", text: "Test of text section"),
        "04-enmime-html-mime-bad-unknown-charset-inline-raw.eml": .parsed(subject: "MIME test 1", text: "Test of HTML section"),
        "05-enmime-mime-bad-8bit-filename-raw.eml": .parsed(subject: "Malformed test", text: "Text part"),
        "06-enmime-mime-bad-content-transfer-encoding-raw.eml": .parsed(subject: "alert", text: "ploozdect nispplul swunkglap"),
        "07-enmime-mime-blank-media-name-raw.eml": .parsed(subject: "Confirmation of Booking with easyHotel", text: "You may review your booking details"),
        "08-enmime-qp-utf8-header-no-break-raw.eml": .parsed(subject: "MIME UTF8 Test ¢ More Text", text: "Lorem ipsum dolor sit amet"),
        "09-enmime-erroneous-raw.eml": .rejected(reason: "not a parsable message: no header line (\"Name: value\") found"),
        "10-enmime-header-only-raw.eml": .parsed(subject: "Attachment", text: ""),
        "11-enmime-missing-ctype-raw.eml": .parsed(subject: "", text: "An HTML section"),
        "12-enmime-mime-duplicate-param-raw.eml": .parsed(subject: "Confirmation of Booking with easyHotel", text: "Thank you for booking"),
        "13-enmime-mime-unquoted-tspecials-param-raw.eml": .parsed(subject: "Confirmation of Booking with easyHotel", text: "Thank you for booking"),
        "14-enmime-malformed-multiple-address-header-values-raw.eml": .parsed(subject: "Test", text: "Simple text."),
        // The HTML declares windows-1250 in a meta tag, where the bytes C2 80 read "Â€".
        "15-enmime-non-mime-missing-charset-raw.eml": .parsed(subject: "test Sun, 14 Oct 2012 16:09:01 -0700", text: "Unencoded Euro Sign: Â€"),
        "16-mailparser-mail-malformed-2.eml": .parsed(subject: "Delivery failure (abh@netpar.com.br)", text: "Delivery failed"),
        "17-mailparser-mail-malformed-3.eml": .parsed(subject: "Ahorre Dinero en su Recibo de Luz", text: ""),
        "18-sasrc-badmime-txt.eml": .parsed(subject: "To get on the cheer squad I, licked a lot of pus...", text: "Visit the link below"),
        "19-sasrc-badmime3-txt.eml": .parsed(subject: "To get on the cheer squad I, licked a lot of pus...", text: ""),
        "20-sasrc-badctype1.eml": .parsed(subject: "Teenie Camp", text: ""),
        "21-sasrc-utf16-eml.eml": .parsed(subject: "Design and manufacturing", text: "We are professional in engineering"),
        "22-pp-sample-2227-eml.eml": .rejected(reason: "not a parsable message: empty file"),
        "23-pp-sample-391-eml.eml": .parsed(subject: "Printable Jenga Cards", text: "Printable Savings Challenges"),
        "24-pp-sample-400-eml.eml": .parsed(subject: "I need man for hot SEX and crazy ORGAZM we can trip together,", text: "Hi i write u along time"),
        "25-pp-sample-4177-eml.eml": .parsed(subject: "𝖣𝖾𝗋 𝗌𝖼𝗁𝗐𝖺𝗋𝗓𝖾 𝖥𝗋𝖾𝗂𝗍𝖺𝗀 𝗂𝗌𝗍 𝖽𝖺! 𝖤𝗇𝗍𝖽𝖾𝖼𝗄𝖾 𝖽𝗂𝖾 𝖯𝗅𝖺𝗒𝖲𝗍𝖺𝗍𝗂𝗈𝗇 5", text: "click here to remove yourself"),
        "26-pp-sample-4429-eml.eml": .parsed(subject: "Hi Dear phishing@pot , We have been trying many times to reach you - Please respond!", text: "view your background check results"),
        "27-pp-sample-5920-eml.eml": .parsed(subject: "-'Wij..hebben geprobeerd u.te bereiken.Reageer alstublieft! VKHNKNOFFA", text: "SELECT YOUR LOCAL DUNHAM'S STORE"),
        "28-pp-sample-423-eml.eml": .parsed(subject: "Reply For Your Payment", text: "Attn: Beneficiary"),
        "29-pp-sample-2018-eml.eml": .parsed(subject: "stevegeche,Order Confirmation - 170 Piece Stanley Tool Set=", text: "170 Piece Stanley Tool Set"),
        "30-pp-sample-932-eml.eml": .parsed(subject: "You can Claim now your EVM fees as stETH", text: "We are excited to inform you that Lido V2 is now live"),
        "31-pp-sample-2035-eml.eml": .parsed(subject: "Olá, Mathkichuu, estamos tentando entrar em contato com você. Por favor, responda 💡", text: ""),
        "32-sa-00388-53eae0055e66fcb7194f9cca080fdefe.eml": .parsed(subject: "Collect Your Money! Time:1:30:33 AM", text: "DEBT COLLECTION SERVICES"),
        "33-sa-00467-5b733c506b7165424a0d4a298e67970f.eml": .parsed(subject: "Printer Cartridges as low as $1.21 each!", text: "This is a multipart MIME message."),
        "34-sa-00078-6944f51ce9c0586d8f9137d2d2207df0.eml": .parsed(subject: "** You're -Approved-!", text: "Your home refinance loan is approved!"),
        "35-sa-00314-ce1926a9815415807e51b80930bffdb8.eml": .parsed(subject: "http://www.efi.ie", text: "noticed that you're not listed"),
        "36-gz-1-happy-new-year-dear-beneficiary-modified-eml.eml": .parsed(subject: "Happy New Year Dear Beneficiary", text: "I have very vital info to give to you"),
        // The raw U+0014 stays in the stored subject; display code shows it escaped.
        "37-foff-still-time-to-gift-better-sleep-b-holiday-shipping-ends.eml": .parsed(
            subject: "⇧⇧⇧ Still Time to Gift Better Sleep b\u{14} Holiday Shipping Ends Soon", text: "Miracle Sheet"),
        "38-foff-built-tough-for-real-world-adventures-eml.eml": .parsed(subject: "Built Tough for Real-World Adventures", text: "Built Tough for Real-World Adventures"),
        "39-foff-aaa-car-kit-scam-eml.eml": .parsed(subject: "Re: Your Free Car Emergency Kit is Ready!", text: "Your Free Car Emergency Kit is Ready!"),
    ]

    func testEveryMalformedFileGetsItsOutcome() throws {
        let folder = try MailTestSupport.requireShared("data/mail/malformed")
        let parser = try MailTestSupport.requireParser()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 39)
        XCTAssertEqual(Set(names), Set(expected.keys))
        for name in names {
            let results = try MailTestSupport.messages(at: folder.appendingPathComponent(name).path, parser: parser)
            XCTAssertEqual(results.count, 1, name)
            guard let result = results.first, let outcome = expected[name] else { continue }
            switch (outcome, result) {
            case let (.parsed(subject, text), .success(message)):
                XCTAssertEqual(message.subject, subject, name)
                if !text.isEmpty {
                    XCTAssertTrue(HeaderText.singleLine(message.text).contains(text), "\(name): \(message.excerpt())")
                }
            case let (.rejected(reason), .failure(error)):
                XCTAssertEqual(error.description, reason, name)
            case let (_, .success(message)):
                XCTFail("\(name): parsed as '\(message.subject)', expected to be rejected")
            case let (_, .failure(error)):
                XCTFail("\(name): rejected (\(error)), expected to parse")
            }
        }
    }

    func testUnrecognisedFilesAreNotTakenAsMail() throws {
        let folder = try MailTestSupport.requireShared("data/mail/malformed")
        let source = try MailSource(paths: [folder.path])
        XCTAssertEqual(source.files.count, 37)
        XCTAssertEqual(source.notMail.map { ($0.path as NSString).lastPathComponent }, ["09-enmime-erroneous-raw.eml", "22-pp-sample-2227-eml.eml"])
        XCTAssertEqual(source.notMail.map(\.reason), ["does not start like a mail message or mbox", "empty file"])
    }
}
