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

    /// A store without the demo's completion mark and without analyst labels, as a stopped
    /// demo leaves it, is built again instead of reused. A file named as the folder is rejected.
    func testUnfinishedDemoRebuiltAndFileRefused() throws {
        try EndToEnd.requireBinary()
        let directory = try EndToEnd.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(try EndToEnd.lantern(["simulate", "darknet", "--out", "s.pcap", "--packets", "3000"], directory: directory).status, 0)
        try FileManager.default.createDirectory(atPath: directory + "/d", withIntermediateDirectories: true)
        XCTAssertEqual(try EndToEnd.lantern(["ingest", "--db", "d/lantern.db", "s.pcap"], directory: directory).status, 0)

        let demo = try EndToEnd.lantern(["demo", "--dir", "d", "--packets", "3000", "--no-ui"], directory: directory)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stderr.hasPrefix("d/lantern.db is from a demo that stopped before the end and contains no analyst label; building it again\n"),
                      demo.stderr)
        XCTAssertEqual(try EndToEnd.stats(db: directory + "/d/lantern.db")["mail messages"], "300")
        let again = try EndToEnd.lantern(["demo", "--dir", "d", "--no-ui"], directory: directory)
        XCTAssertTrue(again.stderr.hasPrefix("reusing d/lantern.db"), again.stderr)

        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/f", contents: Data()))
        let file = try EndToEnd.lantern(["demo", "--dir", "f", "--no-ui"], directory: directory)
        XCTAssertEqual(file.status, 1, file.stderr)
        XCTAssertEqual(file.stderr, "lantern: f is a file, not a folder; name a folder with --dir\n")
    }
}
