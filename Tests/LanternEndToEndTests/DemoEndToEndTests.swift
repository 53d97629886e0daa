import Foundation
import XCTest

/// `lantern demo --no-ui`: everything the three screens show is made from nothing.
final class DemoEndToEndTests: XCTestCase {
    func testDemoFillsEveryScreen() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let demo = try EndToEnd.lantern(["demo", "--dir", "d", "--packets", "60000", "--no-ui"], directory: directory)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let stats = try EndToEnd.stats(db: directory + "/d/lantern.db")
        XCTAssertGreaterThan(Int(stats["windows"] ?? "") ?? 0, 1_000, "\(stats)")
        XCTAssertEqual(stats["model active"], "yes")
        XCTAssertEqual(stats["prototype version"], "1")
        XCTAssertGreaterThan(Int(stats["subnet-days"] ?? "") ?? 0, 100, "\(stats)")
        XCTAssertEqual(stats["mail messages"], "300")
        XCTAssertGreaterThan(Int(stats["mail reputation-list labels"] ?? "") ?? 0, 10, "\(stats)")

        let again = try EndToEnd.lantern(["demo", "--dir", "d", "--no-ui"], directory: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("reusing"), again.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/d/lantern.db")["mail messages"], "300")
    }

    func testSimulateMailRejectsDarknetOptions() throws {
        try EndToEnd.requireBinary()
        let result = try EndToEnd.lantern(["simulate", "mail", "--out", "/tmp/unused-\(UUID().uuidString)", "--packets", "5"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--packets applies to simulate darknet only"), result.stderr)
    }
}
