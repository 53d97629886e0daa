import Foundation
import XCTest
@testable import LanternTriage

final class ReputationListTests: XCTestCase {
    private func list(_ text: String) -> ReputationList {
        ReputationList(contents: Data(text.utf8), path: "list.txt")
    }

    func testPlainListMatchesByRegisteredDomain() {
        let reputation = list("# bad domains\n\nlogin.evil-bank.example.com\n*.phish.co.jp\n0.0.0.0 tracker.test.org\n203.0.113.9\n")
        XCTAssertEqual(reputation.takeWarnings(), [])
        XCTAssertEqual(reputation.domains, ["example.com", "phish.co.jp", "test.org", "203.0.113.9"])
        XCTAssertEqual(reputation.answer(for: "https://cdn.example.com/x"), LabellerDecision(answer: .malicious, evidence: "example.com"))
        XCTAssertEqual(reputation.answer(for: "http://www.PHISH.co.jp./login").answer, .malicious)
        XCTAssertEqual(reputation.answer(for: "http://203.0.113.9:8080/a").answer, .malicious)
        XCTAssertEqual(reputation.answer(for: "http://other.co.jp/").answer, .unknown)
        XCTAssertEqual(reputation.answer(for: "http://example.org/").answer, .unknown)
    }

    func testPlainListMatchesExactURLs() {
        let reputation = list("http://Files.Example.com:80/payload.exe\nhxxps://drop[.]example.net/a?b=1#frag\n")
        XCTAssertEqual(reputation.urls, ["http://files.example.com/payload.exe", "https://drop.example.net/a?b=1"])
        XCTAssertEqual(reputation.domains, [])
        XCTAssertEqual(reputation.answer(for: "http://files.example.com/payload.exe").answer, .malicious)
        XCTAssertEqual(reputation.answer(for: "HTTP://user@FILES.example.com./payload.exe#x").answer, .malicious)
        XCTAssertEqual(reputation.answer(for: "https://drop.example.net:443/a?b=1").answer, .malicious)
        // The path keeps its case, and another file on the same host is not listed.
        XCTAssertEqual(reputation.answer(for: "http://files.example.com/PAYLOAD.exe").answer, .unknown)
        XCTAssertEqual(reputation.answer(for: "http://files.example.com/other").answer, .unknown)
        XCTAssertEqual(reputation.answer(for: "https://drop.example.net/a?b=2").answer, .unknown)
    }

    func testURLNormalization() {
        let cases: [(String, String?)] = [
            ("HTTP://Example.COM", "http://example.com/"),
            ("https://example.com:443/", "https://example.com/"),
            ("https://example.com:8443/", "https://example.com:8443/"),
            ("http://example.com:080/x", "http://example.com/x"),
            ("ftp://example.com:21/f", "ftp://example.com/f"),
            ("www.example.com/path", "http://www.example.com/path"),
            ("http://example.com?q=1", "http://example.com/?q=1"),
            ("http://a:b@example.com/", "http://example.com/"),
            ("http://[2001:db8::1]:80/x", "http://[2001:db8::1]/x"),
            ("http://example.com:abc/", nil),
            ("http:///nohost", nil),
            ("not a url", nil),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(URLNormalizer.normalize(input), expected, input)
        }
    }

    func testMalformedLinesWarnAndRestLoads() {
        let reputation = list("good.example.com\nnot a domain line\nco.jp\nhttp:///\n\"quoted\n$(reboot).example.net\nlast.example.org\n")
        XCTAssertEqual(reputation.domains, ["example.com", "example.org"])
        XCTAssertEqual(reputation.takeWarnings(), [
            .malformedLine(path: "list.txt", line: 2, problem: .notURLOrDomain("not a domain line")),
            .malformedLine(path: "list.txt", line: 3, problem: .noRegisteredDomain("co.jp")),
            .malformedLine(path: "list.txt", line: 4, problem: .notURLOrDomain("http:///")),
            .malformedLine(path: "list.txt", line: 5, problem: .notURLOrDomain("\"quoted")),
            .malformedLine(path: "list.txt", line: 6, problem: .notURLOrDomain("$(reboot).example.net")),
        ])
        XCTAssertEqual(reputation.takeWarnings(), [], "warnings are handed out once")
        XCTAssertEqual(
            LabellerWarning.malformedLine(path: "list.txt", line: 3, problem: .noRegisteredDomain("co.jp")).description,
            "list.txt:3: 'co.jp' is a public suffix or a single label, not a registered domain; line skipped")
    }

    func testURLhausCSV() {
        let csv = """
            ################################################################
            # abuse.ch URLhaus Database Dump (CSV - recent URLs)           #
            ################################################################
            #
            # id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
            "3100001","2024-06-01 10:00:00","http://198.51.100.7:35921/i","online","2024-06-01 10:00:00","malware_download","elf,mirai","https://urlhaus.abuse.ch/url/3100001/","reporter1"
            "3100002","2024-06-01 10:01:00","https://Raw.Example.com/evil/""quoted"".sh","offline","","malware_download","sh","https://urlhaus.abuse.ch/url/3100002/","r2"
            "3100003","2024-06-01 10:02:00","http://short.example.org/","online"
            "3100004","2024-06-01 10:03:00","not a url","online","","x","","https://urlhaus.abuse.ch/url/3100004/","r4"
            "3100005","2024-06-01 10:04:00","http://unterminated.example/
            """
        let reputation = ReputationList(contents: Data(csv.utf8), path: "urlhaus.csv")
        XCTAssertEqual(reputation.urls, ["http://198.51.100.7:35921/i", "https://raw.example.com/evil/\"quoted\".sh"])
        XCTAssertEqual(reputation.domains, [], "URLhaus URLs list single files, not their hosts")
        XCTAssertEqual(reputation.takeWarnings(), [
            .malformedLine(path: "urlhaus.csv", line: 8, problem: .fieldCount(found: 4, expected: 9)),
            .malformedLine(path: "urlhaus.csv", line: 9, problem: .notURLOrDomain("not a url")),
            .malformedLine(path: "urlhaus.csv", line: 10, problem: .unterminatedQuote),
        ])
        XCTAssertEqual(reputation.answer(for: "http://198.51.100.7:35921/i").answer, .malicious)
        XCTAssertEqual(reputation.answer(for: "http://198.51.100.7:35921/j").answer, .unknown)
        XCTAssertEqual(reputation.answer(for: "https://raw.example.com/other.sh").answer, .unknown)
    }

    func testCSVWithoutHeaderReadsThirdField() {
        let reputation = list("\"1\",\"2024-01-01\",\"http://a.example.com/x\"\r\n\"2\",\"b\"\r\n")
        XCTAssertEqual(reputation.urls, ["http://a.example.com/x"])
        XCTAssertEqual(reputation.takeWarnings(), [.malformedLine(path: "list.txt", line: 2, problem: .fieldCount(found: 2, expected: 3))])
    }

    func testMessageIsMaliciousWhenAnyURLListed() {
        let reputation = list("evil.example\n")
        XCTAssertEqual(reputation.label(urls: ["http://fine.example.org/", "https://x.evil.example/login"]),
                       LabellerDecision(answer: .malicious, evidence: "evil.example"))
        XCTAssertEqual(reputation.label(urls: ["http://fine.example.org/"]), .unknown)
        XCTAssertEqual(reputation.label(urls: []), .unknown)
    }

    func testEmptyAndCommentOnlyLists() {
        for text in ["", "\n\n", "# only a comment\n#\n", "   \n\t\n"] {
            let reputation = list(text)
            XCTAssertEqual(reputation.count, 0, text)
            XCTAssertEqual(reputation.takeWarnings(), [], text)
        }
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try ReputationList(path: "/nonexistent/list.txt")) { error in
            XCTAssertEqual(error as? LabellerError, .unreadableList(path: "/nonexistent/list.txt", reason: "no such file"))
            XCTAssertEqual(String(describing: error), "cannot read the reputation list /nonexistent/list.txt: no such file")
        }
    }

    func testLoadingScalesLinearly() throws {
        // 50,000 rows: a step quadratic in the lines would take minutes here.
        var text = "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
        for index in 0..<50_000 {
            text += "\"\(index)\",\"2024-01-01\",\"http://h\(index).example.com/p\(index)\",\"online\",\"\",\"t\",\"\",\"l\",\"r\"\n"
        }
        let started = Date()
        let reputation = ReputationList(contents: Data(text.utf8), path: "big.csv")
        XCTAssertEqual(reputation.urls.count, 50_000)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }
}
