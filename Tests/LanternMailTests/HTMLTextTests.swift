import LanternMail
import XCTest

final class HTMLTextTests: XCTestCase {
    func testTextAndLinksWithEntitiesDecoded() {
        let html = HTMLText(html: "<html><head><title>T</title><style>p{}</style><script>var x=1</script></head><body><p>A&amp;B&nbsp;&#x3042;</p><a href=\"http://e.example.net/r?a=1&amp;b=2\">x</a><form action=\"https://f.example.net/post\"></form></body></html>")
        XCTAssertEqual(HeaderText.singleLine(html.text), "T A&B あ x")
        XCTAssertEqual(html.links, ["http://e.example.net/r?a=1&b=2", "https://f.example.net/post"])
    }

    func testTextInsideHeadKept() {
        // libxml2 keeps an unknown element that follows <meta> inside the head.
        let html = HTMLText(html: "<meta http-equiv=\"Content-Type\" content=\"text/html\"><Hx a=\"\">Your account <a href=\"http://x.example.net/\">verify</a></Hx>")
        XCTAssertEqual(HeaderText.singleLine(html.text), "Your account verify")
        XCTAssertEqual(html.links, ["http://x.example.net/"])
    }

    func testMetaCharsetIgnoredForDecodedText() {
        let html = HTMLText(html: "<html><head><meta charset=\"iso-2022-jp\"></head><body>日本語</body></html>")
        XCTAssertEqual(HeaderText.singleLine(html.text), "日本語")
    }

    func testExternalEntitiesNotLoaded() {
        let html = HTMLText(html: "<!DOCTYPE html SYSTEM \"http://203.0.113.1/x.dtd\"><p>&ext;ok</p>")
        XCTAssertTrue(html.text.contains("ok"))
    }

    func testDeepNestingWalkedWithoutRecursion() {
        let html = HTMLText(html: String(repeating: "<div>", count: 20_000) + "deep" + String(repeating: "</div>", count: 20_000))
        XCTAssertTrue(html.text.contains("deep"))
    }
}
