import XCTest
@testable import LanternUI

final class SafeTextTests: XCTestCase {
    // T01: escape sequences and C0 controls in untrusted text.
    func testCSIClearAndHomeShownInCaretNotation() {
        XCTAssertEqual(SafeText.line("Invoice \u{1B}[2J\u{1B}[H\u{1B}[31mPAID"), "Invoice ^[[2J^[[H^[[31mPAID")
    }

    func testOSC52ClipboardWriteNeutralised() {
        let subject = "Hello \u{1B}]52;c;ZWNobyBwd25lZA==\u{07} world"
        XCTAssertEqual(SafeText.line(subject), "Hello ^[]52;c;ZWNobyBwd25lZA==^G world")
    }

    func testOSCTitleInSenderNeutralised() {
        XCTAssertEqual(SafeText.line("\u{1B}]0;root@bank\u{1B}\\Support"), "^[]0;root@bank^[\\Support")
    }

    func testBareCarriageReturnBecomesSpace() {
        XCTAssertEqual(SafeText.line("Payment received\rPayment FAILED"), "Payment received Payment FAILED")
    }

    func testBackspaceAndDeleteVisible() {
        XCTAssertEqual(SafeText.line("safe\u{08}\u{08}\u{08}\u{08}evil\u{7F}"), "safe^H^H^H^Hevil^?")
    }

    func testDeviceQueriesAndC1ControlsVisible() {
        XCTAssertEqual(SafeText.line("a\u{1B}[6n\u{1B}[c b"), "a^[[6n^[[c b")
        XCTAssertEqual(SafeText.line("x\u{9B}2Jy\u{9D}0;t\u{9C}"), "x<U+009B>2Jy<U+009D>0;t<U+009C>")
        XCTAssertEqual(SafeText.line("nul\u{0}end"), "nul^@end")
    }

    func testOSC8HyperlinkAndHiddenTextVisible() {
        let body = "\u{1B}]8;;http://evil.example.net/\u{1B}\\http://bank.example.com\u{1B}]8;;\u{1B}\\ \u{1B}[8mhidden\u{1B}[0m"
        let safe = SafeText.line(body)
        XCTAssertFalse(safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        XCTAssertTrue(safe.contains("^[]8;;http://evil.example.net/^[\\"))
        XCTAssertTrue(safe.contains("^[[8mhidden^[[0m"))
    }

    // T03: bidi overrides and invisible characters.
    func testRightToLeftOverrideShownAsEscape() {
        XCTAssertEqual(SafeText.line("invoice_2023\u{202E}fdp.exe"), "invoice_2023<U+202E>fdp.exe")
    }

    func testEveryBidiControlEscaped() {
        let controls: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        for value in controls {
            let scalar = Unicode.Scalar(value)!  // every value in the list is a valid scalar
            let escaped = SafeText.line("a" + String(scalar) + "b")
            XCTAssertEqual(escaped, "a" + SafeText.codePointEscape(value) + "b", "U+\(String(value, radix: 16))")
        }
    }

    func testInvisibleFormattersEscaped() {
        let invisible: [UInt32] = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0xE0041]
        for value in invisible {
            let scalar = Unicode.Scalar(value)!  // every value in the list is a valid scalar
            XCTAssertEqual(SafeText.line("x" + String(scalar) + "y"), "x" + SafeText.codePointEscape(value) + "y")
        }
    }

    func testUnterminatedIsolateInSubjectEscaped() {
        XCTAssertEqual(SafeText.line("Re: \u{2067}تحديث الحساب"), "Re: <U+2067>تحديث الحساب")
    }

    func testZeroWidthSpaceInURLVisibleAndDefanged() {
        XCTAssertEqual(SafeText.defang("http://pay\u{200B}pal.example.com/login"), "hxxp://pay<U+200B>pal[.]example[.]com/login")
    }

    func testDivisionSlashLookalikeKeptVisible() {
        // U+2215 looks like "/" but is an ordinary visible character; defanging shows the host.
        XCTAssertEqual(SafeText.defang("https://bank.example.com\u{2215}login.example.net/"), "hxxps://bank[.]example[.]com\u{2215}login[.]example[.]net/")
    }

    // T06: line breaks and odd spaces in a one-line field.
    func testLeadingEncodedNewlinesTrimmed() {
        XCTAssertEqual(SafeText.line("\n\n\r\n【請求書】11月分のご利用料金"), "【請求書】11月分のご利用料金")
    }

    func testTabsAndLineSeparatorsCollapse() {
        XCTAssertEqual(SafeText.line("ご請求\t\t金額\u{2028}確定\u{2029}のお知らせ"), "ご請求 金額 確定 のお知らせ")
    }

    func testExoticSpaceRunsCollapseToOne() {
        XCTAssertEqual(SafeText.line("料金\u{00A0}\u{2002}\u{2003}\u{2009}\u{202F}\u{205F}\u{3000}確定"), "料金 確定")
    }

    func testFoldedHeaderJoinsWithOneSpace() {
        XCTAssertEqual(SafeText.line("Your invoice is\r\n ready"), "Your invoice is ready")
    }

    func testEncodedCRLFWithHeaderInjectionStaysOnOneLine() {
        XCTAssertEqual(SafeText.line("Hello\r\nBCC: victim@example.org"), "Hello BCC: victim@example.org")
    }

    func testEscapingIsStable() {
        let once = SafeText.line("a\u{1B}[2J\u{202E}b\u{85}c")
        XCTAssertEqual(SafeText.line(once), once)
        XCTAssertEqual(SafeText.escapingControls(once), once)
    }

    func testEscapingControlsKeepsSpaces() {
        XCTAssertEqual(SafeText.escapingControls("  a\tb  "), "  a b  ")
    }

    func testLinesSplitAtEveryBreak() {
        XCTAssertEqual(SafeText.lines("one\r\ntwo\rthree\nfour\u{2028}five"), ["one", "two", "three", "four", "five"])
    }

    // Defanging.
    func testDefangSchemesAndHostDots() {
        XCTAssertEqual(SafeText.defang("http://verify.example.net/login?id=5521"), "hxxp://verify[.]example[.]net/login?id=5521")
        XCTAssertEqual(SafeText.defang("HTTPS://user@a.example.org:8443/x.html"), "hxxps://user@a[.]example[.]org:8443/x.html")
        XCTAssertEqual(SafeText.defang("ftp://files.example.com"), "fxp://files[.]example[.]com")
        XCTAssertEqual(SafeText.defang("www.example.com/a.b"), "www[.]example[.]com/a.b")
    }

    /// A redirector's target inside the query is a live link of its own.
    func testDefangNestedURLInQuery() {
        XCTAssertEqual(SafeText.defang("https://t9.page.link?link=https://p-5v.firebaseapp.com/__/auth/x.html&b=1"),
                       "hxxps://t9[.]page[.]link?link=hxxps://p-5v[.]firebaseapp[.]com/__/auth/x.html&b=1")
        XCTAssertEqual(SafeText.defang("http://a.example/r?u=http://b.example/?v=ftp://c.example"),
                       "hxxp://a[.]example/r?u=hxxp://b[.]example/?v=fxp://c[.]example")
    }

    /// A scheme glued to the word before it: a sentence without a space, or a control
    /// character shown in caret notation right before the link (an OSC 8 hyperlink's BEL).
    func testDefangSchemeGluedToWord() {
        XCTAssertEqual(SafeText.defangingURLs(inText: "at any time.https://info.example.com/Unsubscribe"),
                       "at any time.hxxps://info[.]example[.]com/Unsubscribe")
        XCTAssertEqual(SafeText.defangingURLs(inText: SafeText.line("\u{1B}]8;;\u{07}http://bank.example.com/\u{1B}]8;;\u{07}")),
                       "^[]8;;^Ghxxp://bank[.]example[.]com/^[]8;;^G")
        XCTAssertEqual(SafeText.defangingURLs(inText: "xHTTPS://a.example"), "xhxxps://a[.]example")
        XCTAssertEqual(SafeText.defangingURLs(inText: "git+ssh://a.example/r"), "git+ssh://a[.]example/r", "an unknown scheme keeps its name")
    }

    /// A zero-width space inside a host, shown as its escape, does not end the URL, so the
    /// rest of the host is defanged too. A plain angle bracket still ends it.
    func testDefangRunsThroughEscapedInvisibleCharacter() {
        XCTAssertEqual(SafeText.defangingURLs(inText: SafeText.line("see http://pay\u{200B}pal.example.net/login now")),
                       "see hxxp://pay<U+200B>pal[.]example[.]net/login now")
        XCTAssertEqual(SafeText.defangingURLs(inText: "<a href=http://a.example.com/x<b>"), "<a href=hxxp://a[.]example[.]com/x<b>")
        XCTAssertEqual(SafeText.defangingURLs(inText: "http://a.example<U+12>.com"), "hxxp://a[.]example<U+12>.com", "not an escape")
    }

    func testDefangURLsInBodyText() {
        XCTAssertEqual(SafeText.defangingURLs(inText: "Please verify your account at http://bank-verify.example.net/ today."),
                       "Please verify your account at hxxp://bank-verify[.]example[.]net/ today.")
        XCTAssertEqual(SafeText.defangingURLs(inText: "返送されます。 https://sakura-kyubin-check.test/redelivery/24550"),
                       "返送されます。 hxxps://sakura-kyubin-check[.]test/redelivery/24550")
        XCTAssertEqual(SafeText.defangingURLs(inText: "<a href=\"https://a.example.com/x\">and ftp://b.example.org</a>"),
                       "<a href=\"hxxps://a[.]example[.]com/x\">and fxp://b[.]example[.]org</a>")
        XCTAssertEqual(SafeText.defangingURLs(inText: "no scheme ://here and a ratio 3://4"), "no scheme ://here and a ratio 3://4")
        let once = SafeText.defangingURLs(inText: "see https://x.example.net/a and http://y.example.net")
        XCTAssertEqual(SafeText.defangingURLs(inText: once), once, "defanging twice changes nothing")
    }

    func testDefangIsStable() {
        let once = SafeText.defang("http://click.example.net/r?id=123")
        XCTAssertEqual(SafeText.defang(once), once)
    }

    // The case files, when present next to the repository.
    func testCaseFilesLeaveNoControlCharacters() throws {
        let directory = URLPath.casesDirectory + "/tty"
        var checked = 0
        for name in ["T01-escape-and-control-injection.mbox", "T03-bidi-and-invisible-controls.eml",
                     "T04-cjk-width-truncation.mbox", "T06-whitespace-and-line-breaks-in-subject.mbox"] {
            guard case .success(let text) = readTextFile(directory + "/" + name) else { continue }
            checked += 1
            for line in SafeText.lines(text) {
                XCTAssertFalse(line.unicodeScalars.contains(where: SafeText.needsEscape), "\(name): \(line)")
                XCTAssertFalse(SafeText.line(line).unicodeScalars.contains(where: SafeText.needsEscape), "\(name): \(line)")
            }
        }
        if checked == 0 {
            throw XCTSkip("case files not found in \(directory); they live in <repo>/../shared/cases")
        }
    }
}

/// Paths of test inputs that live outside the repository.
enum URLPath {
    /// `<repo>/../shared/cases`, found from this file's path.
    static var casesDirectory: String {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(3)  // LanternUITests/<file>, Tests
        return components.joined(separator: "/") + "/../shared/cases"
    }

    /// `<repo>/Themes`.
    static var themesDirectory: String {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(3)
        return components.joined(separator: "/") + "/Themes"
    }
}
