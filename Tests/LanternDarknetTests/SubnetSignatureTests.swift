import Foundation
import XCTest

@testable import LanternDarknet

/// The rules file, its parser and TAP cells.
final class SubnetSignatureTests: XCTestCase {
    func testDefaultRulesFileEqualsEmbeddedCopy() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Signatures/default.rules")
        let file = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(file, DefaultSignatures.text, "run scripts/subnets/sync-default-signatures after editing the rules file")
    }

    func testBuiltInRulesCoverTheWellKnownCampaigns() {
        let set = SignatureSet.builtIn
        XCTAssertEqual(set.issues, [])
        XCTAssertGreaterThanOrEqual(set.signatures.count, 10)
        for (port, proto) in [(23, TAPProtocol.tcp), (2323, .tcp), (22, .tcp), (445, .tcp), (3389, .tcp), (1433, .tcp), (5555, .tcp),
                              (5000, .tcp), (6379, .tcp), (8080, .tcp), (5900, .tcp)] {
            XCTAssertTrue(set.signatures.contains { $0.proto == proto && $0.covers(port: UInt16(port)) }, "\(port)/\(proto.name)")
        }
    }

    func testMalformedRulesReportFileAndLineAndAreSkipped() {
        let text = """
            # comment
            good-one proto=tcp ports=7000-7002 title="Seven thousand"
            Bad proto=tcp ports=1
            no-proto ports=1
            typo proto=tcp portz=1
            backwards proto=tcp ports=90-80
            icmp-bad proto=icmp ports=8
            quote proto=udp ports=1 title="open
            share proto=udp ports=1 share=1.5
            """
        let set = SignatureSet.parse(text, file: "mine.rules")
        XCTAssertEqual(set.names, ["good-one"])
        XCTAssertEqual(set.signatures.first?.portsText, "7000-7002")
        XCTAssertEqual(set.issues.map(\.description), [
            "mine.rules:3: signature name 'Bad' must start with a lower-case letter or digit and use only a-z, 0-9, '.', '_' and '-'; this rule is skipped, the others are used",
            "mine.rules:4: missing proto=tcp|udp|icmp; this rule is skipped, the others are used",
            "mine.rules:5: unknown key 'portz'; did you mean 'ports'? (keys: proto, ports, destinations, port-count, share, title); this rule is skipped, the others are used",
            "mine.rules:6: port range '90-80' runs backwards; write the lower port first; this rule is skipped, the others are used",
            "mine.rules:7: ICMP ports are TYPE/CODE pairs from 0/0 to 255/255, such as 8/0 or 3/0-3/15, not '8'; this rule is skipped, the others are used",
            "mine.rules:8: a quoted value is not closed with '\"'; this rule is skipped, the others are used",
            "mine.rules:9: share must be a number above 0 and at most 1, not '1.5'; this rule is skipped, the others are used",
        ])
    }

    func testLaterRuleReplacesBuiltInByName() {
        var set = SignatureSet.builtIn
        set.append(SignatureSet.parse("telnet-scan proto=tcp ports=23", file: "mine.rules"))
        XCTAssertEqual(set.signature(named: "telnet-scan")?.portsText, "23")
        XCTAssertEqual(set.issues, [.replacedRule(file: "mine.rules", line: 1, name: "telnet-scan", earlier: "default.rules:21")])
        XCTAssertFalse(set.issues[0].description.contains("skipped"), "the replacing rule is used, not skipped")
    }

    func testTAPCellIndexRoundTripsAndBuckets() {
        for index in 0..<TAPCell.count { XCTAssertEqual(TAPCell(index: index).index, index) }
        let thresholds = TAPThresholds()
        XCTAssertEqual([1, 2, 9, 10, 500].map(thresholds.bucket), [0, 1, 1, 2, 2])
        XCTAssertEqual(TAPCell(index: 26).description, "ICMP d10+ p10+")
    }

    func testDayClockZonesAndDates() {
        var utc = DayClock()
        var tokyo = DayClock(name: "+09:00")
        XCTAssertNotNil(DayClock(name: "Asia/Tokyo"))
        XCTAssertNil(DayClock(name: "Mars/Olympus"))
        let lateUTC = 1_767_571_200.0 + 20 * 3600  // 2026-01-05T20:00Z, already 01-06 in Tokyo
        XCTAssertEqual(DayClock.dateText(ofDay: utc.day(of: lateUTC)), "2026-01-05")
        XCTAssertEqual(DayClock.dateText(ofDay: tokyo?.day(of: lateUTC) ?? 0), "2026-01-06")
        XCTAssertEqual(DayClock.day(ofDateText: "2026-01-05"), 20458)
        XCTAssertNil(DayClock.day(ofDateText: "2026-02-30"))
    }
}
