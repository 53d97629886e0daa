import LanternMail
import XCTest

final class URLExtractorTests: XCTestCase {
    func testDefangedURLsRestored() {
        XCTAssertEqual(URLExtractor.urls(inText: "go to hxxps://login[.]example(dot)com/a now"), ["https://login.example.com/a"])
        XCTAssertEqual(URLExtractor.urls(inText: "HXXP[:]//bad{.}example.net"), ["http://bad.example.net"])
    }

    func testTrailingPunctuationAndJapaneseEndURL() {
        XCTAssertEqual(URLExtractor.urls(inText: "(see http://a.example.net/x).") , ["http://a.example.net/x"])
        XCTAssertEqual(URLExtractor.urls(inText: "http://a.example.net/loginはこちら"), ["http://a.example.net/login"])
        XCTAssertEqual(URLExtractor.urls(inText: "「www.example.jp」"), ["www.example.jp"])
    }

    func testLinksWithoutWebTargetsIgnored() {
        XCTAssertNil(URLExtractor.url(fromLink: "mailto:a@example.net"))
        XCTAssertNil(URLExtractor.url(fromLink: "cid:image001"))
        XCTAssertNil(URLExtractor.url(fromLink: "#top"))
        XCTAssertEqual(URLExtractor.url(fromLink: " //cdn.example.net/p.gif "), "http://cdn.example.net/p.gif")
    }

    func testHostDropsUserPortAndDot() {
        XCTAssertEqual(URLExtractor.host(of: "http://user:pw@Mail.Example.COM.:8080/x"), "mail.example.com")
        XCTAssertEqual(URLExtractor.host(of: "http://[2001:db8::1]/x"), "[2001:db8::1]")
        XCTAssertNil(URLExtractor.host(of: "http://localhost/x"))
    }

    func testRegisteredDomains() {
        XCTAssertEqual(RegisteredDomain.of(host: "mail.example.co.jp"), "example.co.jp")
        XCTAssertEqual(RegisteredDomain.of(host: "a.b.example.com"), "example.com")
        XCTAssertEqual(RegisteredDomain.of(host: "203.0.113.9"), "203.0.113.9")
        XCTAssertNil(RegisteredDomain.of(host: "co.jp"))
    }
}
